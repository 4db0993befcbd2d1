import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import ts from "typescript";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import * as batchedRuntime from "../../runtime/batched/index";
import * as publicApi from "../../runtime/index";
import { prebuild } from "../../transformer/prebuild/build";
import { loadProject } from "../../transformer/prebuild/project";
import { comparePytrees } from "../harness/compare";
import { createModuleLoader } from "../harness/evaluate";
import { Random } from "../harness/random";

// Every fixture through `tsvmap build`: the mirror tree must type-check, keep
// every byte outside the call sites, and compute what `vmap.reference` does.
const fixturesDir = fileURLToPath(new URL("../../fixtures", import.meta.url));
// Beside fixtures/, so that the mirror's copied tsconfig.json and its relative imports resolve as the originals do.
const outDir = fs.mkdtempSync(path.join(path.dirname(fixturesDir), ".prebuilt-fixtures-"));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
});

const fixturesProject = loadProject(ts, path.join(fixturesDir, "tsconfig.json"));
const result = prebuild(ts, fixturesProject.program, fixturesDir, outDir);
const positiveCases = fs.readdirSync(fixturesDir).filter((name) => fs.existsSync(path.join(fixturesDir, name, "input.ts"))).sort();

const load = createModuleLoader(
  (fileName) => ts.transpileModule(fs.readFileSync(fileName, "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 }, fileName }).outputText,
  { tsvmap: publicApi, "tsvmap/runtime": batchedRuntime },
);

it("rewrites every file with a compiled site and copies the rest", () => {
  const rewrittenNames = result.rewritten.map((file) => path.relative(outDir, file));
  expect(rewrittenNames).toEqual(expect.arrayContaining(positiveCases.map((name) => path.join(name, "input.ts"))));
  for (const file of result.copied) {
    expect(fs.readFileSync(file, "utf8")).toBe(fs.readFileSync(path.join(fixturesDir, path.relative(outDir, file)), "utf8"));
  }
  expect(result.diagnostics.every((d) => d.file!.fileName.includes("/errors/"))).toBe(true);
});

it("the built tree type-checks under the fixtures' strict options", () => {
  const diagnostics = ts.getPreEmitDiagnostics(loadProject(ts, path.join(outDir, "tsconfig.json")).program);
  expect(diagnostics.map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`)).toEqual([]);
});

describe.each(positiveCases)("fixture %s built ahead of time", (name) => {
  const built = path.join(outDir, name, "input.ts");

  it("keeps the text outside the vmap calls byte for byte", () => {
    const original = fs.readFileSync(path.join(fixturesDir, name, "input.ts"), "utf8");
    const text = fs.readFileSync(built, "utf8");
    const sourceFile = fixturesProject.program.getSourceFile(path.join(fixturesDir, name, "input.ts"))!;
    // The pieces between the outermost vmap calls, each still in the output, in order.
    let at = 0;
    let searchFrom = 0;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "vmap") {
        const piece = original.slice(at, node.getStart(sourceFile));
        const found = text.indexOf(piece.split("\n").at(-1)!, searchFrom);
        expect(found, JSON.stringify(piece)).toBeGreaterThanOrEqual(0);
        searchFrom = found;
        at = node.end;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
    expect(text).toContain(original.slice(at));
  });

  it("computes what vmap.reference does, with no uncompiled warning", () => {
    const fixture = load(built) as Record<string, (...args: unknown[]) => unknown> & { batchSizes?: number[] };
    const warnings: string[] = [];
    vi.spyOn(console, "log").mockImplementation(() => {});
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (warnings.push(String(chunk)), true));
    for (const batchSize of fixture.batchSizes ?? [0, 1, 2, 7]) {
      const actual = fixture.batched(...(fixture.inputs(batchSize, new Random(batchSize + 1)) as unknown[]));
      const expected = fixture.reference(...(fixture.inputs(batchSize, new Random(batchSize + 1)) as unknown[]));
      expect(comparePytrees(actual, expected), `batch size ${batchSize}`).toEqual([]);
    }
    expect(warnings.filter((line) => line.includes("not compiled"))).toEqual([]);
  });

  it("maps the compiled code back to its vmap call", () => {
    const text = fs.readFileSync(built, "utf8");
    const map = new TraceMap(fs.readFileSync(`${built}.map`, "utf8"));
    const original = fs.readFileSync(path.join(fixturesDir, name, "input.ts"), "utf8");
    const lines = text.split("\n");
    // The last site is the one `batched` is bound to; an earlier one may be a `vmap.reference` fallback on one line.
    const compiledLine = lines.findLastIndex((line) => line.includes(".compiledAs("));
    const mapped = originalPositionFor(map, { line: compiledLine + 2, column: 4 });
    expect(original.split("\n")[mapped.line! - 1]).toContain("vmap(");
    const lastLine = lines.findIndex((line) => line.startsWith("export function inputs"));
    const back = originalPositionFor(map, { line: lastLine + 1, column: 0 });
    expect(original.split("\n")[back.line! - 1]).toBe(lines[lastLine]);
  });
});
