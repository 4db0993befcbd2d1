import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createTempProject, installedTsvmap, preEmitErrors, type TempProject } from "./project";
import { standInTransformer } from "./stand-in-compile";

// The file's only use of `vmap` is replaced, yet its import must stay (the
// checker saw it used), and the synthesized runtime import must not be elided.
const main = [
  'import { vmap } from "tsvmap";',
  "const double = (x: number) => x * 2;",
  "console.log(vmap(double)(21), vmap(double)(4));",
].join("\n");

interface ModuleKindCase {
  readonly name: string;
  readonly packageType: "commonjs" | "module";
  readonly options: ts.CompilerOptions;
  readonly runtimeImport: RegExp;
}

const cases: readonly ModuleKindCase[] = [
  {
    name: "commonjs",
    packageType: "commonjs",
    options: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Bundler },
    runtimeImport: /require\("tsvmap\/runtime"\)/g,
  },
  {
    name: "esnext",
    packageType: "module",
    options: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    runtimeImport: /^import \* as tsvmap_runtime from "tsvmap\/runtime";$/gm,
  },
  {
    name: "nodenext, ES module",
    packageType: "module",
    options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
    runtimeImport: /^import \* as tsvmap_runtime from "tsvmap\/runtime";$/gm,
  },
  {
    name: "nodenext, CommonJS",
    packageType: "commonjs",
    options: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
    runtimeImport: /require\("tsvmap\/runtime"\)/g,
  },
];

const projects: TempProject[] = [];
afterAll(() => projects.forEach((project) => project.remove()));

describe.each(cases)("module $name", ({ packageType, options, runtimeImport }) => {
  const project = createTempProject({
    ...installedTsvmap,
    "package.json": JSON.stringify({ name: "user-app", type: packageType }),
    "src/main.ts": main,
  });
  projects.push(project);
  const program = project.program(["src/main.ts"], {
    ...options,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    esModuleInterop: true,
    types: [],
    rootDir: project.file("src"),
    outDir: project.file("out"),
  });
  const diagnostics: ts.Diagnostic[] = [];
  const emitted = program.emit(undefined, undefined, undefined, false, { before: [standInTransformer(program, (d) => diagnostics.push(d))] });
  const output = () => fs.readFileSync(project.file("out/main.js"), "utf8");

  it("type-checks and emits without diagnostics", () => {
    expect(preEmitErrors(program)).toEqual([]);
    expect(emitted.emitSkipped).toBe(false);
    expect(diagnostics).toEqual([]);
  });

  it("keeps exactly one runtime import and the user's own import", () => {
    expect(output().match(runtimeImport)).toHaveLength(1);
    expect(output()).toMatch(/"tsvmap"\)?;$/m);
    expect(output()).not.toMatch(/vmap\)?\(double\)/);
  });

  it("runs, reaching the runtime through the added import", () => {
    const stdout = execFileSync(process.execPath, [project.file("out/main.js")], { encoding: "utf8" });
    expect(stdout).toBe("compiled(21) compiled(4)\n");
  });
});
