import { describeInit, initProject } from "../setup/init";
import { parseCommandLine, UsageError, type Command } from "./command";

export const initCommand: Command = {
  synopsis: "init [DIR]",
  help: `init [DIR]: sets tsvmap up in the project at DIR (default: the working
  directory) for the build tool it finds: tsc through ts-patch (the plugin line
  in tsconfig.json and a tspc build script), or vite, webpack, rspack or esbuild
  (prints the plugin snippet to add to their config). Adds the editor plugin to
  tsconfig.json. Prints what it changed; running it again changes nothing.`,
  run(args) {
    const { positionals } = parseCommandLine(args, {});
    if (positionals.length > 1) throw new UsageError(`one DIR only, got '${positionals[0]}' and '${positionals[1]}'`);
    const dir = positionals[0] ?? ".";
    process.stdout.write(describeInit(initProject(dir), dir));
    return 0;
  },
};
