import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createTempProject, type TempProject } from "../transformer/project";
import { modules, repository, run, tsvmap } from "./example-project";

const projects: TempProject[] = [];
afterAll(() => projects.forEach((project) => project.remove()));

function project(files: Readonly<Record<string, string>>): TempProject {
  const created = createTempProject(files);
  projects.push(created);
  return created;
}

/** Every file of the project and its text, to see what a run changed. */
function snapshot(dir: string): Record<string, string> {
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => fs.statSync(path.join(dir, file)).isFile());
  return Object.fromEntries(files.sort().map((file) => [file, fs.readFileSync(path.join(dir, file), "utf8")]));
}

function tsconfigPlugins(dir: string): unknown {
  const { config } = ts.readConfigFile(path.join(dir, "tsconfig.json"), ts.sys.readFile);
  return config.compilerOptions.plugins;
}

const userTsconfig = `{
  // the user's own comment stays
  "compilerOptions": {
    "target": "ES2022",
    "module": "commonjs",
    "strict": true,
    "types": [],
    "rootDir": "src",
    "outDir": "out",
  },
  "include": ["src"]
}
`;

describe("tsvmap init", () => {
  it("sets up tsc: the transform and editor plugins in tsconfig.json, a tspc build script; tspc then compiles the site", () => {
    const tscProject = project({
      "package.json": `${JSON.stringify({ name: "tsc-user", private: true, scripts: { build: "tsc -p tsconfig.json" }, devDependencies: { "ts-patch": "4.0.1" } }, null, 2)}\n`,
      "tsconfig.json": userTsconfig,
      "src/double.ts": 'import { vmap, np } from "tsvmap";\nconsole.log(vmap((x: number) => 2 * x)(np.array([1, 2])).toString());\n',
    });
    const first = tsvmap(["init"], tscProject.dir);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(
      [
        `tsvmap init: ${tscProject.dir} builds with tsc (tsconfig.json)`,
        'changed tsconfig.json: added { "transform": "tsvmap/transformer" } to compilerOptions.plugins',
        'changed tsconfig.json: added { "name": "tsvmap/language-service" } to compilerOptions.plugins',
        'changed package.json: the build script "tsc -p tsconfig.json" is now "tspc -p tsconfig.json"',
        "",
      ].join("\n"),
    );
    expect(tsconfigPlugins(tscProject.dir)).toEqual([{ transform: "tsvmap/transformer" }, { name: "tsvmap/language-service" }]);
    expect(fs.readFileSync(tscProject.file("tsconfig.json"), "utf8")).toContain("// the user's own comment stays");
    expect(JSON.parse(fs.readFileSync(tscProject.file("package.json"), "utf8")).scripts.build).toBe("tspc -p tsconfig.json");

    const after = snapshot(tscProject.dir);
    const second = tsvmap(["init"], tscProject.dir);
    expect(second.stdout).toContain("nothing to change: tsvmap is already set up here");
    expect(snapshot(tscProject.dir)).toEqual(after);

    fs.mkdirSync(tscProject.file("node_modules"));
    fs.symlinkSync(repository, tscProject.file("node_modules/tsvmap"), "dir");
    const build = run(process.execPath, [path.join(modules, "ts-patch/bin/tspc.js"), "-p", "tsconfig.json"], tscProject.dir);
    expect(build.stdout + build.stderr).toBe("");
    expect(run(process.execPath, ["out/double.js"], tscProject.dir)).toEqual({ status: 0, stdout: "[2, 4]\n", stderr: "" });
  });

  it("adds a tspc build script where there is none, and says ts-patch is missing", () => {
    const bare = project({ "package.json": '{ "name": "bare" }\n', "tsconfig.json": '{ "compilerOptions": {} }\n' });
    const { stdout } = tsvmap(["init"], bare.dir);
    expect(stdout).toContain('changed package.json: added the script "build": "tspc"');
    expect(stdout).toContain("to do: install ts-patch and TypeScript 6: npm install -D ts-patch@4.0.1 typescript@~6.0.3");
    expect(tsconfigPlugins(bare.dir)).toEqual([{ transform: "tsvmap/transformer" }, { name: "tsvmap/language-service" }]);
  });

  it("adds tsvmap/incremental for a build that emits declarations", () => {
    const composite = project({ "tsconfig.json": '{ "compilerOptions": { "composite": true } }\n' });
    const { stdout } = tsvmap(["init"], composite.dir);
    expect(stdout).toContain('changed tsconfig.json: added { "transform": "tsvmap/incremental", "afterDeclarations": true } to compilerOptions.plugins');
    expect(tsconfigPlugins(composite.dir)).toEqual([
      { transform: "tsvmap/transformer" },
      { transform: "tsvmap/incremental", afterDeclarations: true },
      { name: "tsvmap/language-service" },
    ]);
  });

  it.each([
    ["vite", { "vite.config.ts": "export default {};\n" }, "vite.config.ts", 'import tsvmap from "tsvmap/vite";'],
    ["webpack", { "package.json": JSON.stringify({ devDependencies: { webpack: "5.112.0" } }) }, '"webpack" in package.json', 'const tsvmap = require("tsvmap/webpack");'],
    ["rspack", { "rspack.config.js": "module.exports = {};\n" }, "rspack.config.js", 'const tsvmap = require("tsvmap/rspack");'],
    ["rollup", { "rollup.config.mjs": "export default {};\n" }, "rollup.config.mjs", 'import tsvmap from "tsvmap/rollup";'],
    ["esbuild", { "package.json": JSON.stringify({ devDependencies: { esbuild: "0.28.0" } }) }, '"esbuild" in package.json', 'import tsvmap from "tsvmap/esbuild";'],
  ])("detects %s, adds only the editor plugin to tsconfig.json and prints the bundler snippet", (tool, files, evidence, snippet) => {
    const bundled = project({ ...files, "tsconfig.json": userTsconfig });
    const configFiles = snapshot(bundled.dir);
    const { status, stdout } = tsvmap(["init", bundled.dir], repository);
    expect(status).toBe(0);
    expect(stdout).toContain(`builds with ${tool} (${evidence})`);
    expect(stdout).toContain(snippet);
    expect(tsconfigPlugins(bundled.dir)).toEqual([{ name: "tsvmap/language-service" }]);
    const { ["tsconfig.json"]: _changed, ...untouched } = snapshot(bundled.dir);
    const { ["tsconfig.json"]: _original, ...before } = configFiles;
    expect(untouched).toEqual(before);
  });

  it.each([
    ["tsx", { tsx: "4.23.15" }, '"tsx" in package.json', "npx tsx .tsvmap/src/main.ts"],
    ["bun", { "@types/bun": "1.4.0" }, '"@types/bun" in package.json', "bun .tsvmap/src/main.ts"],
    ["deno", { deno: "2.9.6" }, '"deno" in package.json', "deno run --sloppy-imports .tsvmap/src/main.ts"],
    ["swc", { "@swc/cli": "0.7.0" }, '"@swc/cli" in package.json', "npx swc .tsvmap/src -d out"],
    ["typescript 7", { typescript: "^7.0.2" }, '"typescript": "^7.0.2" in package.json', '"include": [".tsvmap/src"]'],
  ])("detects %s, adds the prebuild script and the editor plugin, and says how to run the built tree", (tool, devDependencies, evidence, next) => {
    const prebuilt = project({
      "package.json": `${JSON.stringify({ name: "prebuilt", private: true, type: "module", devDependencies }, null, 2)}\n`,
      "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", strict: true, types: [], skipLibCheck: true }, include: ["src"] }),
      "src/main.ts": 'import { vmap, np } from "tsvmap";\nconsole.log(vmap((x: number) => 2 * x)(np.array([1, 2])).toString());\n',
    });
    const { status, stdout } = tsvmap(["init"], prebuilt.dir);
    expect(status).toBe(0);
    expect(stdout).toContain(`builds with ${tool} (${evidence})`);
    expect(stdout).toContain('changed package.json: added the script "build:vmap": "tsvmap build src --outDir .tsvmap/src"');
    expect(stdout).toContain(next);
    expect(tsconfigPlugins(prebuilt.dir)).toEqual([{ name: "tsvmap/language-service" }]);
    const script = JSON.parse(fs.readFileSync(prebuilt.file("package.json"), "utf8")).scripts["build:vmap"] as string;
    expect(tsvmap(["init"], prebuilt.dir).stdout).toContain("nothing to change");

    // The script it added works: the built tree runs compiled under tsx.
    fs.mkdirSync(prebuilt.file("node_modules"));
    fs.symlinkSync(repository, prebuilt.file("node_modules/tsvmap"), "dir");
    const [command, ...args] = script.split(" ");
    expect(command).toBe("tsvmap");
    expect(tsvmap(args, prebuilt.dir).status).toBe(0);
    expect(run(process.execPath, [path.join(modules, "tsx/dist/cli.mjs"), ".tsvmap/src/main.ts"], prebuilt.dir)).toEqual({ status: 0, stdout: "[2, 4]\n", stderr: "" });
  });

  it("detects deno by its deno.json, without a package.json, and says how to prebuild and run", () => {
    const denoProject = project({ "deno.json": '{ "tasks": {} }\n', "src/main.ts": 'import { vmap } from "tsvmap";\n' });
    const before = snapshot(denoProject.dir);
    const { status, stdout } = tsvmap(["init"], denoProject.dir);
    expect(status).toBe(0);
    expect(stdout).toContain("builds with deno (deno.json)");
    expect(stdout).toContain("compile the call sites first (npx tsvmap build src --outDir .tsvmap/src), then run it: deno run --sloppy-imports .tsvmap/src/main.ts");
    expect(snapshot(denoProject.dir)).toEqual(before);
  });

  it("in a project with neither tsconfig.json nor bundler, changes nothing and says what to do", () => {
    const empty = project({ "package.json": '{ "name": "empty" }\n' });
    const before = snapshot(empty.dir);
    const { status, stdout } = tsvmap(["init"], empty.dir);
    expect(status).toBe(0);
    expect(stdout).toContain("builds with none (no tsconfig.json and no bundler)");
    expect(stdout).toContain("npx tsvmap build src --outDir .tsvmap/src");
    expect(snapshot(empty.dir)).toEqual(before);
  });
});
