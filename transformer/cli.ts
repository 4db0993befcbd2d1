#!/usr/bin/env node
import * as fs from "node:fs";
import ts from "typescript";
import { formatDiagnostic } from "./format-diagnostic";
import { inspectFile } from "./inspect";

const usage = `Usage: tsvmap inspect FILE [--site N]

Prints the JavaScript that the tsvmap transformer emits for FILE, compiled with
the options of the nearest tsconfig.json above it (ES2022 and ES modules when
there is none). Diagnostics go to stderr; the exit code is 1 if there are errors.

Options:
  --site N    print only the code that replaced the N-th vmap call of FILE
              (1-based, in source order; a vmap nested in another is part of it)
  -h, --help  print this help
`;

/** A command line that cannot be acted on: print why and the usage, exit 2. */
class UsageError extends Error {}

interface InspectCommand {
  readonly file: string;
  readonly site: number | undefined;
}

function parseArguments(args: readonly string[]): InspectCommand | "help" {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) return "help";
  const [command, ...rest] = args;
  if (command !== "inspect") throw new UsageError(`unknown command '${command}'`);
  let file: string | undefined;
  let site: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--site") {
      const value = rest[++i];
      site = Number(value);
      if (value === undefined || !Number.isInteger(site) || site < 1) throw new UsageError(`--site needs a positive integer, got '${value ?? ""}'`);
    } else if (rest[i].startsWith("-")) {
      throw new UsageError(`unknown option '${rest[i]}'`);
    } else if (file === undefined) {
      file = rest[i];
    } else {
      throw new UsageError(`one FILE only, got '${file}' and '${rest[i]}'`);
    }
  }
  if (file === undefined) throw new UsageError("inspect needs a FILE");
  return { file, site };
}

/** Runs `tsvmap` with `args` (without node and the script); returns the exit code. */
function main(args: readonly string[]): number {
  let command: InspectCommand | "help";
  try {
    command = parseArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tsvmap: ${error.message}\n\n${usage}`);
    return 2;
  }
  if (command === "help") {
    process.stdout.write(usage);
    return 0;
  }
  if (!fs.existsSync(command.file)) {
    process.stderr.write(`tsvmap: ${command.file}: no such file\n`);
    return 1;
  }

  const inspection = inspectFile(command.file);
  for (const diagnostic of inspection.diagnostics) {
    process.stderr.write(`${formatDiagnostic(ts, diagnostic, process.cwd())}\n`);
  }
  const failed = inspection.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error);
  if (command.site === undefined) {
    process.stdout.write(inspection.javascript);
    return failed ? 1 : 0;
  }
  const { sites } = inspection;
  if (command.site > sites.length) {
    process.stderr.write(`tsvmap: ${command.file} has ${sites.length} vmap call site(s); there is no site ${command.site}\n`);
    return 1;
  }
  const replacement = sites[command.site - 1];
  if (replacement !== undefined) process.stdout.write(`${replacement}\n`);
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
