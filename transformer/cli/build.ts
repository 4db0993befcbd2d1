import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { prebuild } from "../prebuild/build";
import {
  errorSummary,
  hasErrors,
  onUnsupportedFlag,
  onUnsupportedHelp,
  onUnsupportedOption,
  parseCommandLine,
  printDiagnostics,
  UsageError,
  type Command,
} from "./command";
import { loadProjectFor } from "./load-project";

export const buildCommand: Command = {
  synopsis: "build SRC --outDir DIR [--project tsconfig.json] [--onUnsupported reference]",
  help: `build SRC --outDir DIR: a prebuild, TypeScript to TypeScript. Writes the tree SRC
  to DIR with each vmap call site compiled, for tools that cannot run the
  transformer (TypeScript 7's tsc, tsx, swc, bun, esbuild): types, comments and
  formatting of all other code are kept, files without sites are copied as they
  are, and each rewritten file gets a source map beside it. The exit code is 1
  if any site was refused (it is then written as it was, and runs uncompiled).
    --outDir DIR     where the mirror of SRC goes
    -p, --project P  the tsconfig.json whose program types SRC (default: the
                     nearest one above SRC)
${onUnsupportedHelp}`,
  run(args) {
    const { values, positionals } = parseCommandLine(args, {
      outDir: { type: "string" },
      project: { type: "string", short: "p" },
      ...onUnsupportedOption,
    });
    const onUnsupported = onUnsupportedFlag(values.onUnsupported);
    if (positionals.length !== 1) throw new UsageError("build needs one SRC directory");
    const [source] = positionals;
    if (values.outDir === undefined) throw new UsageError("build needs --outDir DIR");
    if (!fs.statSync(source, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`'${source}' is not a directory`);
    const outDir = path.resolve(values.outDir);
    if (path.resolve(source) === outDir) throw new UsageError("--outDir must differ from SRC: the prebuild does not overwrite its input");

    const { program, configErrors } = loadProjectFor(values.project, source);
    const result = prebuild(ts, program, source, outDir, onUnsupported);
    const diagnostics = [...configErrors, ...result.diagnostics];
    printDiagnostics(diagnostics, (text) => process.stdout.write(text));
    process.stdout.write(errorSummary(diagnostics));
    process.stdout.write(
      `tsvmap: ${result.compiledSites} vmap call site(s) compiled${referenceNote(result.referenceSites)} in ${result.rewritten.length} file(s), ` +
        `${result.copied.length} file(s) copied, into ${path.relative(process.cwd(), outDir) || "."}\n`,
    );
    return hasErrors(diagnostics) ? 1 : 0;
  },
};

function referenceNote(referenceSites: number): string {
  return referenceSites === 0 ? "" : ` (${referenceSites} more as vmap.reference)`;
}
