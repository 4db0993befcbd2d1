#!/usr/bin/env node
import { buildCommand } from "./cli/build";
import { checkCommand } from "./cli/check";
import { UsageError, type Command } from "./cli/command";
import { initCommand } from "./cli/init";
import { inspectCommand } from "./cli/inspect";

const commands: Readonly<Record<string, Command>> = {
  inspect: inspectCommand,
  build: buildCommand,
  check: checkCommand,
  init: initCommand,
};

const usage = `${Object.values(commands)
  .map((command, index) => `${index === 0 ? "Usage:" : "      "} tsvmap ${command.synopsis}`)
  .join("\n")}

${Object.values(commands)
  .map((command) => command.help)
  .join("\n\n")}

  -h, --help  print this help
`;

/** Runs `tsvmap` with `args` (without node and the script); returns the exit code. */
function main(args: readonly string[]): number {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    process.stdout.write(usage);
    return 0;
  }
  const [name, ...rest] = args;
  try {
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (command === undefined) throw new UsageError(`unknown command '${name}'`);
    return command.run(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`tsvmap: ${error.message}\n\n${usage}`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
