import * as path from "node:path";
import ts from "typescript";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as batchedRuntime from "../../runtime/batched/index";
import * as publicApi from "../../runtime/index";
import { compileVmapCall } from "../../transformer/compile";
import { type CompileSite, rewriteVmapSites, type VmapSite } from "../../transformer/transformers/file";
import { createCalleeResolver } from "../../transformer/transformers/resolve";
import { createTsvmapSymbols } from "../../transformer/transformers/symbols";
import { comparePytrees } from "../harness/compare";
import { createModuleLoader } from "../harness/evaluate";
import { createTempProject, preEmitErrors } from "./project";

/*
 * The transformer never crashes a build: whatever throws while one call site is
 * compiled becomes one TSVMAP9000 diagnostic at that site, the site is left as
 * written (the uncompiled vmap still computes the right result), and every other
 * site and statement of the file is emitted as usual. The failure is injected
 * into the real code generator: around it, or inside it through the
 * environment it calls back into.
 */

const repository = path.resolve(__dirname, "../..");
const project = createTempProject({
  "package.json": JSON.stringify({ name: "user-app" }),
  "model.ts": [
    'import { np, vmap, type Tensor } from "tsvmap";',
    "export const before = vmap((x: number) => x * 2);",
    "export const failing = vmap((v: Tensor) => np.sum(np.tanh(v)));",
    "export const after = vmap((x: number, y: number) => Math.max(x, y) + 1);",
    "export const plain = 40 + 2;",
  ].join("\n"),
});
afterAll(() => project.remove());

const program = project.program(["model.ts"], {
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  lib: ["lib.es2022.d.ts"],
  types: ["node"],
  typeRoots: [path.join(repository, "node_modules/@types")],
  paths: { tsvmap: [path.join(repository, "runtime/index.ts")], "tsvmap/runtime": [path.join(repository, "runtime/batched/index.ts")] },
});

/** The real code generator, except that `fails` may throw first for a site. */
function failingAround(fails: (call: ts.CallExpression) => void): CompileSite {
  return (call, env) => {
    fails(call);
    return compileVmapCall(call, env);
  };
}

/** The real code generator, calling back into an environment whose np op lookup throws for `np.tanh`. */
const failingInside: CompileSite = (call, env) =>
  compileVmapCall(call, {
    ...env,
    npOpName: (expr) => {
      const name = env.npOpName(expr);
      if (name === "tanh") throw new TypeError("injected rule failure in tanh");
      return name;
    },
  });

function emit(compileSite: CompileSite) {
  const checker = program.getTypeChecker();
  const diagnostics: ts.Diagnostic[] = [];
  const sites: VmapSite[] = [];
  let javascript = "";
  const symbols = createTsvmapSymbols(ts, checker);
  const transformer = rewriteVmapSites({
    ts,
    checker,
    symbols,
    resolveCallee: createCalleeResolver(ts, checker, symbols.isVmapCall),
    compileSite,
    onUnsupported: "error",
    report: (d) => diagnostics.push(d),
    onSite: (site) => sites.push(site),
  });
  program.emit(program.getSourceFile(project.file("model.ts")), (name, text) => {
    if (name.endsWith(".js")) javascript = text;
  }, undefined, false, { before: [transformer] });
  const where = diagnostics.map((d) => {
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start!);
    return `TSVMAP${d.code} line ${line + 1}: ${d.file!.text.slice(d.start!, d.start! + d.length!)}`;
  });
  return { javascript, diagnostics, where, sites };
}

/** Runs the emitted module; the site left uncompiled falls back to the reference semantics. */
function run(javascript: string) {
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const load = createModuleLoader(() => javascript, { tsvmap: publicApi, "tsvmap/runtime": batchedRuntime });
  return load(project.file("model.ts")) as Record<string, (...args: unknown[]) => unknown>;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const failingSite = "vmap((v: Tensor) => np.sum(np.tanh(v)))";

describe("an exception while compiling one call site", () => {
  it("the project type-checks", () => expect(preEmitErrors(program)).toEqual([]));

  it("with no failure injected, every site compiles", () => {
    const { diagnostics, sites } = emit(compileVmapCall);
    expect(diagnostics).toEqual([]);
    expect(sites.map((site) => site.replacement !== undefined)).toEqual([true, true, true]);
  });

  it.each([
    [
      "a plain Error thrown around the code generator",
      failingAround((call) => {
        if (call.getText() === failingSite) throw new Error("injected rule failure");
      }),
    ],
    ["a TypeError thrown deep inside lowering, by the np op lookup it calls back", failingInside],
    [
      "a thrown value that is not an Error",
      failingAround((call) => {
        if (call.getText() === failingSite) throw "injected rule failure as a string";
      }),
    ],
  ])("%s becomes one TSVMAP9000 at that site; the rest of the file is emitted", (_, compileSite) => {
    const { javascript, diagnostics, where, sites } = emit(compileSite);
    expect(where).toEqual([`TSVMAP9000 line 3: ${failingSite}`]);
    expect(diagnostics[0].category).toBe(ts.DiagnosticCategory.Error);
    expect(diagnostics[0].messageText).toMatch(/^TSVMAP9000: internal error while compiling this vmap call.*injected rule failure/s);
    expect(sites.map((site) => site.replacement !== undefined)).toEqual([true, false, true]);
    expect(javascript).toContain("(0, tsvmap_1.vmap)((v) => tsvmap_1.np.sum(tsvmap_1.np.tanh(v)))");
    expect(javascript.match(/tsvmap_1\.vmap\)/g)).toHaveLength(1);
    expect(javascript).toContain("exports.plain = 40 + 2;");

    const model = run(javascript);
    const x = publicApi.np.array([1, -2, 3]);
    const v = publicApi.np.array([[0.5, 1], [2, -1], [0, 0]]);
    expect(comparePytrees(model.before(x), publicApi.vmap.reference((t: number) => t * 2)(x))).toEqual([]);
    expect(comparePytrees(model.failing(v), publicApi.vmap.reference((t: publicApi.Tensor) => publicApi.np.sum(publicApi.np.tanh(t)))(v))).toEqual([]);
    const y = publicApi.np.array([0, 5, 2]);
    expect(comparePytrees(model.after(x, y), publicApi.vmap.reference((a: number, b: number) => Math.max(a, b) + 1)(x, y))).toEqual([]);
    expect(model.plain).toBe(42);
  });
});
