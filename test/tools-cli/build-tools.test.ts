import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledAgreesWithReference, createExampleProject, modules, run, tsvmap } from "./example-project";

// `tsvmap build` once, then each tool that cannot run the transformer builds or runs the mirror tree.
const project = createExampleProject({
  // The built tree as its own project, for TypeScript 7's tsc.
  "tsconfig.built.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, types: [], rootDir: ".tsvmap/src", outDir: "out-ts7", skipLibCheck: true },
    include: [".tsvmap/src"],
  }),
});
afterAll(() => project.remove());

let build: ReturnType<typeof tsvmap>;
beforeAll(() => {
  build = tsvmap(["build", "src", "--outDir", ".tsvmap/src"], project.dir);
});

describe("tsvmap build", () => {
  it("writes the mirror tree, vmap sites compiled, and reports what it did", () => {
    expect(build.stdout).toBe("tsvmap: 3 vmap call site(s) compiled in 1 file(s), 2 file(s) copied, into .tsvmap/src\n");
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    const main = fs.readFileSync(project.file(".tsvmap/src/main.ts"), "utf8");
    expect(main).toContain('import * as tsvmap_runtime from "tsvmap/runtime";');
    expect(main).toContain("const norms = tsvmap_runtime.compiledAs(() => vmap(sumOfSquares), ");
    expect(main).toContain("// Formatting, comments and types here must survive the prebuild.\nconst batch: Tensor = ");
    expect(fs.existsSync(project.file(".tsvmap/src/main.ts.map"))).toBe(true);
    for (const copied of ["kernels.ts", "data/notes.txt"]) {
      expect(fs.readFileSync(project.file(`.tsvmap/src/${copied}`), "utf8")).toBe(fs.readFileSync(project.file(`src/${copied}`), "utf8"));
    }
  });

  it("tsx runs the output: each compiled result equals vmap.reference, no uncompiled warning", () => {
    const result = compiledAgreesWithReference(run(process.execPath, [path.join(modules, "tsx/dist/cli.mjs"), ".tsvmap/src/main.ts"], project.dir));
    expect(result.problems).toEqual([]);
    expect(result.compiled).toEqual(result.reference);
  });

  it("TypeScript 7's native tsc type-checks and emits it, and node runs that", () => {
    const tsc7 = run(process.execPath, [path.join(modules, "typescript7/bin/tsc"), "-p", "tsconfig.built.json"], project.dir);
    expect(tsc7.stdout + tsc7.stderr).toBe("");
    expect(tsc7.status).toBe(0);
    const result = compiledAgreesWithReference(run(process.execPath, ["out-ts7/main.js"], project.dir));
    expect(result.problems).toEqual([]);
    expect(result.compiled).toEqual(result.reference);
  });

  it("@swc/core transpiles it, and node runs that", async () => {
    const swc = await import("@swc/core");
    for (const name of ["main.ts", "kernels.ts"]) {
      const { code } = await swc.transformFile(project.file(`.tsvmap/src/${name}`), {
        jsc: { parser: { syntax: "typescript" }, target: "es2022" },
        module: { type: "es6" },
        sourceMaps: false,
      });
      fs.mkdirSync(project.file("out-swc"), { recursive: true });
      fs.writeFileSync(project.file(`out-swc/${name.replace(/\.ts$/, ".js")}`), code);
    }
    const result = compiledAgreesWithReference(run(process.execPath, ["out-swc/main.js"], project.dir));
    expect(result.problems).toEqual([]);
    expect(result.compiled).toEqual(result.reference);
  });

  it("bun runs it", () => {
    const result = compiledAgreesWithReference(run(path.join(modules, "bun/bin/bun.exe"), [".tsvmap/src/main.ts"], project.dir));
    expect(result.problems).toEqual([]);
    expect(result.compiled).toEqual(result.reference);
  });
});
