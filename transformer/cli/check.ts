import ts from "typescript";
import { analyzeFile, userSourceFiles } from "../analyze";
import { errorSummary, hasErrors, onUnsupportedFlag, onUnsupportedHelp, onUnsupportedOption, parseCommandLine, printDiagnostics, UsageError, type Command } from "./command";
import { loadProjectFor } from "./load-project";

export const checkCommand: Command = {
  synopsis: "check [PROJECT] [--onUnsupported reference]",
  help: `check [PROJECT]: the transformer's analysis only, for CI. Prints every TSVMAP
  diagnostic of the project as \`tsc --noEmit\` prints its errors, and exits 1 if
  there is any. PROJECT is a tsconfig.json or a directory holding one (default:
  the nearest one above the working directory).
${onUnsupportedHelp}`,
  run(args) {
    const { values, positionals } = parseCommandLine(args, onUnsupportedOption);
    const onUnsupported = onUnsupportedFlag(values.onUnsupported);
    if (positionals.length > 1) throw new UsageError(`one PROJECT only, got '${positionals[0]}' and '${positionals[1]}'`);
    const { program, configErrors } = loadProjectFor(positionals[0], process.cwd());
    const refusals = userSourceFiles(program).flatMap((file) => analyzeFile(ts, program, file, { onUnsupported }).diagnostics);
    const diagnostics = [...configErrors, ...refusals];
    printDiagnostics(diagnostics, (text) => process.stdout.write(text));
    process.stdout.write(errorSummary(diagnostics));
    return hasErrors(diagnostics) ? 1 : 0;
  },
};
