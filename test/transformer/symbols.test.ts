import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createTsvmapSymbols, type TsvmapSymbols } from "../../transformer/transformers/symbols";
import { createTempProject, installedTsvmap, preEmitErrors, type TempProject } from "./project";

/** Every call and property access of `file`, keyed by its source text. */
function collect(sourceFile: ts.SourceFile): { calls: Map<string, ts.CallExpression>; accesses: Map<string, ts.PropertyAccessExpression> } {
  const calls = new Map<string, ts.CallExpression>();
  const accesses = new Map<string, ts.PropertyAccessExpression>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.set(node.getText(sourceFile), node);
    if (ts.isPropertyAccessExpression(node)) accesses.set(node.getText(sourceFile), node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { calls, accesses };
}

function analyse(project: TempProject, main: string, options: ts.CompilerOptions) {
  const program = project.program([main], options);
  const checker = program.getTypeChecker();
  const symbols: TsvmapSymbols = createTsvmapSymbols(ts, checker);
  const { calls, accesses } = collect(program.getSourceFile(project.file(main))!);
  const isVmap = (text: string) => symbols.isVmapCall(calls.get(text) ?? expect.fail(`no call ${text}`));
  const opName = (text: string) => symbols.npOpName(accesses.get(text) ?? expect.fail(`no access ${text}`));
  return { isVmap, opName, errors: preEmitErrors(program) };
}

const projects: TempProject[] = [];
afterAll(() => projects.forEach((project) => project.remove()));

describe("tsvmap installed under node_modules", () => {
  const project = createTempProject({
    ...installedTsvmap,
    "package.json": JSON.stringify({ name: "user-app" }),
    "src/reexport.ts": 'export { vmap as batchify, np as numeric } from "tsvmap";',
    "src/own.ts": "export function vmap<F>(fn: F): F { return fn; }",
    "src/main.ts": [
      'import { vmap, np } from "tsvmap";',
      'import { vmap as vm } from "tsvmap";',
      'import * as tv from "tsvmap";',
      'import { batchify, numeric } from "./reexport";',
      'import { vmap as ownVmap } from "./own";',
      "const f = (x: number) => x;",
      "const g = (x: number) => x;",
      "function shadow(vmap: (fn: unknown) => unknown) { return vmap(g); }",
      "export const results = [",
      "  vmap(f), vm(f), tv.vmap(f), batchify(f), (vmap)(f),",
      "  ownVmap(f), vmap.reference(f), shadow(ownVmap),",
      "  np.sum([1]), tv.np.square(2), numeric.square(3),",
      "];",
    ].join("\n"),
  });
  projects.push(project);
  const { isVmap, opName, errors } = analyse(project, "src/main.ts", {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    types: [],
  });

  it("type-checks", () => expect(errors).toEqual([]));

  it("finds vmap however it is imported", () => {
    expect(isVmap("vmap(f)")).toBe(true);
    expect(isVmap("vm(f)")).toBe(true);
    expect(isVmap("tv.vmap(f)")).toBe(true);
    expect(isVmap("batchify(f)")).toBe(true);
    expect(isVmap("(vmap)(f)")).toBe(true);
  });

  it("leaves alone functions that are not tsvmap's vmap", () => {
    expect(isVmap("ownVmap(f)")).toBe(false);
    expect(isVmap("vmap.reference(f)")).toBe(false);
    expect(isVmap("vmap(g)")).toBe(false);
  });

  it("names np ops through direct, namespace and re-exported access", () => {
    expect(opName("np.sum")).toBe("sum");
    expect(opName("tv.np.square")).toBe("square");
    expect(opName("numeric.square")).toBe("square");
    expect(opName("tv.np")).toBeUndefined();
    expect(opName("tv.vmap")).toBeUndefined();
  });
});

describe("tsvmap as sources of the same program (this repository's layout)", () => {
  const project = createTempProject({
    "pkg/package.json": JSON.stringify({ name: "tsvmap" }),
    "pkg/index.ts": 'export { batchOver as vmap } from "./batch";\nexport { np } from "./np";',
    "pkg/batch.ts": "export function batchOver<F>(fn: F): F { return fn; }",
    "pkg/np.ts": [
      "function sumAll(x: readonly number[]): number { return x.reduce((a, b) => a + b, 0); }",
      "export const np = { sum: sumAll, square(x: number): number { return x * x; } };",
    ].join("\n"),
    "app/package.json": JSON.stringify({ name: "user-app" }),
    "app/vmap.ts": "export function vmap<F>(fn: F): F { return fn; }",
    "app/main.ts": [
      'import { vmap as vm, np } from "tsvmap";',
      'import { vmap } from "./vmap";',
      "const f = (x: number) => x;",
      "export const results = [vm(f), vmap(f), np.sum([1, 2]), np.square(3), np.toString()];",
    ].join("\n"),
  });
  projects.push(project);
  const { isVmap, opName, errors } = analyse(project, "app/main.ts", {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    paths: { tsvmap: [project.file("pkg/index.ts")] },
    strict: true,
    types: [],
  });

  it("type-checks", () => expect(errors).toEqual([]));

  it("finds vmap exported under a name the package gave it internally", () => {
    expect(isVmap("vm(f)")).toBe(true);
  });

  it("ignores a user's own function called vmap", () => {
    expect(isVmap("vmap(f)")).toBe(false);
  });

  it("names ops of an np object, but not what every object inherits", () => {
    expect(opName("np.sum")).toBe("sum");
    expect(opName("np.square")).toBe("square");
    expect(opName("np.toString")).toBeUndefined();
  });
});
