import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { expectRunLikeTspc, runCommand, runNode, type Run } from "../tools/example-project";
import { exampleSites, exampleSources, type MixedResults, printedResults, refusedLocation, writeExample } from "../tools/example-sources";

// `tsvmap build` once, then each tool that cannot run the transformer builds or runs the mirror tree.
let dir: string;
let build: Run;
const installed = (relative: string) => path.join(inject("toolsProject"), "node_modules", relative);

beforeAll(async () => {
  dir = writeExample(inject("toolsProject"), "prebuild", {
    // The built tree as its own project, for TypeScript 7's tsc.
    "tsconfig.built.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { rootDir: ".tsvmap/src", outDir: "out-ts7" }, include: [".tsvmap/src"] }),
  });
  build = await runNode([installed("tsvmap/dist/transformer/cli.js"), "build", "src", "--outDir", ".tsvmap/src"], dir);
});

const sourceFiles = Object.keys(exampleSources).filter((name) => name.startsWith("src/"));

describe("tsvmap build", () => {
  it("writes the mirror tree, vmap sites compiled, and reports what it did", () => {
    const copied = sourceFiles.length - exampleSites.files;
    expect(build.stdout).toBe(`tsvmap: ${exampleSites.sites} vmap call site(s) compiled in ${exampleSites.files} file(s), ${copied} file(s) copied, into .tsvmap/src\n`);
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    const results = fs.readFileSync(path.join(dir, ".tsvmap/src/results.ts"), "utf8");
    expect(results).toContain('import * as tsvmap_runtime from "tsvmap/runtime";');
    expect(results).toContain("const norms = tsvmap_runtime.compiledAs(() => vmap(squaredNorm), ");
    expect(results).toContain("// Formatting, comments and types here must survive the prebuild.\nconst examples: Tensor = ");
    expect(fs.existsSync(path.join(dir, ".tsvmap/src/results.ts.map"))).toBe(true);
    for (const name of sourceFiles.filter((name) => name !== "src/results.ts")) {
      expect(fs.readFileSync(path.join(dir, ".tsvmap", name), "utf8"), name).toBe(exampleSources[name]);
    }
  });

  it("tsx runs the output as the tspc build runs, with no uncompiled warning", async () => {
    expectRunLikeTspc(await runNode([installed("tsx/dist/cli.mjs"), ".tsvmap/src/main.ts"], dir), inject("tspcResults"));
  });

  it("TypeScript 7's native tsc type-checks and emits it, and node runs that as the tspc build runs", async () => {
    const tsc7 = await runNode([installed("typescript7/bin/tsc"), "-p", "tsconfig.built.json"], dir);
    expect(tsc7.stdout + tsc7.stderr).toBe("");
    expect(tsc7.status).toBe(0);
    expectRunLikeTspc(await runNode(["out-ts7/main.js"], dir), inject("tspcResults"));
  });

  it("@swc/core transpiles it, and node runs that as the tspc build runs", async () => {
    const swc = await import("@swc/core");
    for (const name of sourceFiles.filter((name) => name.endsWith(".ts"))) {
      const { code } = await swc.transformFile(path.join(dir, ".tsvmap", name), {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "es6" },
        sourceMaps: false,
      });
      const out = path.join(dir, "out-swc", name.replace(/^src\//, "").replace(/\.ts$/, ".js"));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, code);
    }
    expectRunLikeTspc(await runNode(["out-swc/main.js"], dir), inject("tspcResults"));
  });

  it("bun runs it as the tspc build runs", async () => {
    expectRunLikeTspc(await runCommand(installed("bun/bin/bun.exe"), [".tsvmap/src/main.ts"], dir), inject("tspcResults"));
  });

  it("deno type-checks it and runs it as the tspc build runs", async () => {
    // The example imports "./model.js" for model.ts, as module nodenext wants; deno resolves that with --sloppy-imports.
    const deno = (command: string) => runNode([installed("deno/bin.cjs"), command, "--sloppy-imports", ".tsvmap/src/main.ts"], dir, { DENO_DIR: path.join(dir, ".deno") });
    const check = await deno("check");
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expectRunLikeTspc(await deno("run"), inject("tspcResults"));
  });
});

describe("tsvmap build of a tree with a refused site beside a good one", () => {
  // extra/ holds both, typed by a project of its own.
  const buildExtra = async (name: string, flags: readonly string[]) => {
    const extraDir = writeExample(inject("toolsProject"), name, {
      "tsconfig.extra.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { rootDir: "extra" }, include: ["extra"] }),
    });
    const built = await runNode([installed("tsvmap/dist/transformer/cli.js"), "build", "extra", "--outDir", ".tsvmap/extra", "-p", "tsconfig.extra.json", ...flags], extraDir);
    return { extraDir, built };
  };

  it("exits 1 by default, naming the refused site's file, line, column and code", async () => {
    const { built } = await buildExtra("prebuild-refused", []);
    expect(built.stdout).toMatch(new RegExp(`extra/${refusedLocation()} - error TSVMAP9004: `));
    expect(built.status).toBe(1);
  });

  it("under --onUnsupported reference warns of it, exits 0, and tsx runs it as vmap.reference beside the compiled site", async () => {
    const { extraDir, built } = await buildExtra("prebuild-reference", ["--onUnsupported", "reference"]);
    expect(built.stdout).toMatch(new RegExp(`extra/${refusedLocation()} - warning TSVMAP9004: .*this site runs as vmap.reference`));
    expect(built.stdout).toContain("tsvmap: 1 vmap call site(s) compiled (1 more as vmap.reference) in 2 file(s)");
    expect(built.status).toBe(0);
    expect(fs.readFileSync(path.join(extraDir, ".tsvmap/extra/refused.ts"), "utf8")).toContain("export const total = vmap.reference(counted);");
    const run = await runNode([installed("tsx/dist/cli.mjs"), ".tsvmap/extra/mixed.ts"], extraDir);
    expect(run.stderr).toBe("");
    for (const [name, [computed, expected]] of Object.entries(printedResults(run.stdout) as MixedResults)) expect(computed, name).toEqual(expected);
  });
});
