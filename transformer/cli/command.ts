import { parseArgs, type ParseArgsConfig } from "node:util";
import ts from "typescript";
import { formatDiagnostic } from "../format-diagnostic";
import type { OnUnsupported } from "../index";
import { readOnUnsupported } from "../on-unsupported";

/** A command line that cannot be acted on: the CLI prints why and the usage, and exits 2. */
export class UsageError extends Error {}

/** One subcommand of `tsvmap`. */
export interface Command {
  /** Its synopsis, `inspect FILE [--site N]`. */
  readonly synopsis: string;
  /** What it does and its options, for `--help`. */
  readonly help: string;
  /** Runs it with the arguments after its name; returns the exit code. */
  run(args: readonly string[]): number;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `args` parsed by Node's `util.parseArgs` (strict, positionals allowed), its errors turned into usage errors. */
export function parseCommandLine<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

/** The `--onUnsupported` option shared by the commands that compile, and its help line. */
export const onUnsupportedOption = { onUnsupported: { type: "string" } } as const;
export const onUnsupportedHelp = `    --onUnsupported reference
                     a refused site is a warning and runs as vmap.reference
                     (default: error, as the tspc plugin's option)`;

/** The value of `--onUnsupported`, checked. */
export function onUnsupportedFlag(value: string | undefined): OnUnsupported {
  try {
    return readOnUnsupported(value, "--onUnsupported");
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^tsvmap: /, ""));
  }
}

/** Prints each diagnostic on its line as `tsc` does, file names relative to the working directory. */
export function printDiagnostics(diagnostics: readonly ts.Diagnostic[], write: (text: string) => void): void {
  for (const diagnostic of diagnostics) write(`${formatDiagnostic(ts, diagnostic, process.cwd())}\n`);
}

/** True when any of `diagnostics` is an error. */
export function hasErrors(diagnostics: readonly ts.Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
}

/** `tsc`'s closing line: `Found 2 errors.`, `Found 1 error in src/a.ts:3`, nothing when there are none. */
export function errorSummary(diagnostics: readonly ts.Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error).length;
  return errors === 0 ? "" : `\nFound ${errors} error${errors === 1 ? "" : "s"}.\n\n`;
}
