import * as fs from "node:fs";
import { inspectFile } from "../inspect";
import { hasErrors, parseCommandLine, printDiagnostics, UsageError, type Command } from "./command";

export const inspectCommand: Command = {
  synopsis: "inspect FILE [--site N]",
  help: `inspect FILE: prints the JavaScript that the tsvmap transformer emits for FILE,
  compiled with the options of the nearest tsconfig.json above it (ES2022 and ES
  modules when there is none). Diagnostics go to stderr; the exit code is 1 if
  there are errors.
    --site N    print only the code that replaced the N-th vmap call of FILE
                (1-based, in source order; a vmap nested in another is part of it)`,
  run(args) {
    const { values, positionals } = parseCommandLine(args, { site: { type: "string" } });
    if (positionals.length === 0) throw new UsageError("inspect needs a FILE");
    if (positionals.length > 1) throw new UsageError(`one FILE only, got '${positionals[0]}' and '${positionals[1]}'`);
    const [file] = positionals;
    const site = values.site === undefined ? undefined : Number(values.site);
    if (site !== undefined && (!Number.isInteger(site) || site < 1)) {
      throw new UsageError(`--site needs a positive integer, got '${values.site}'`);
    }
    if (!fs.existsSync(file)) {
      process.stderr.write(`tsvmap: ${file}: no such file\n`);
      return 1;
    }

    const inspection = inspectFile(file);
    printDiagnostics(inspection.diagnostics, (text) => process.stderr.write(text));
    const failed = hasErrors(inspection.diagnostics);
    if (site === undefined) {
      process.stdout.write(inspection.javascript);
      return failed ? 1 : 0;
    }
    const { sites } = inspection;
    if (site > sites.length) {
      process.stderr.write(`tsvmap: ${file} has ${sites.length} vmap call site(s); there is no site ${site}\n`);
      return 1;
    }
    const replacement = sites[site - 1];
    if (replacement !== undefined) process.stdout.write(`${replacement}\n`);
    return failed ? 1 : 0;
  },
};
