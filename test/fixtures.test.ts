import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as batchedRuntime from "../runtime/batched/index";
import * as publicApi from "../runtime/index";
import type { VmapSite } from "../transformer/index";
import { comparePytrees } from "./harness/compare";
import { createModuleLoader } from "./harness/evaluate";
import { buildFixtures } from "./harness/fixture-build";
import { Random } from "./harness/random";

/*
 * The fixture harness. Conventions:
 *
 * fixtures/<case>/input.ts (positive) exports
 *   - `batched`: a `vmap(...)` result, which the transformer must compile;
 *   - `reference`: the same function through `vmap.reference`, same options;
 *   - `inputs(batchSize, random)`: the arguments for one batch;
 *   - optionally `batchSizes` (default [0, 1, 2, 7]).
 * The emitted JS is snapshotted to fixtures/<case>/output.js (`vitest -u`
 * rewrites it), and `batched` must equal `reference` on fresh seeded inputs at
 * every batch size, with no vmap call and no call of the per-example function
 * left in the emitted code.
 *
 * fixtures/errors/<case>.ts (negative) holds sites the transformer must refuse:
 * none may compile, and the diagnostics are snapshotted, one per line as
 * `TSVMAP<code> <line>:<col> <message>`, to fixtures/errors/<case>.diagnostics.txt.
 */

const fixturesDir = fileURLToPath(new URL("../fixtures", import.meta.url));
const errorsDir = path.join(fixturesDir, "errors");
const defaultBatchSizes = [0, 1, 2, 7];

const positiveCases = fs
  .readdirSync(fixturesDir)
  .filter((name) => fs.existsSync(path.join(fixturesDir, name, "input.ts")))
  .sort();
const negativeCases = fs
  .readdirSync(errorsDir)
  .filter((name) => name.endsWith(".ts"))
  .map((name) => name.slice(0, -".ts".length))
  .sort();

const build = buildFixtures(path.join(fixturesDir, "tsconfig.json"));
const load = createModuleLoader((fileName) => build.emit(fileName).javascript, {
  tsvmap: publicApi,
  "tsvmap/runtime": batchedRuntime,
});

interface PositiveFixture {
  readonly batched: (...args: unknown[]) => unknown;
  readonly reference: (...args: unknown[]) => unknown;
  readonly inputs: (batchSize: number, random: Random) => unknown[];
  readonly batchSizes?: readonly number[];
}

function loadPositive(fileName: string): PositiveFixture {
  const fixture = load(fileName);
  for (const name of ["batched", "reference", "inputs"]) {
    if (typeof fixture[name] !== "function") throw new TypeError(`${fileName} must export a function \`${name}\``);
  }
  return fixture as unknown as PositiveFixture;
}

/** A tsvmap diagnostic as the snapshots hold it; the file is named only when it is not the fixture's. */
function refusalLine(diagnostic: ts.Diagnostic, fixtureFile: string): string {
  const file = diagnostic.file!;
  const { line, character } = file.getLineAndCharacterOfPosition(diagnostic.start!);
  const where = `${line + 1}:${character + 1}`;
  const place = file.fileName === fixtureFile ? where : `${path.relative(fixturesDir, file.fileName)}:${where}`;
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").replace(/^TSVMAP\d+: /, "");
  return `TSVMAP${diagnostic.code} ${place} ${message}`;
}

/** Identifiers passed as the per-example function at these sites, nested vmaps included. */
function perExampleNames(sites: readonly VmapSite[]): string[] {
  const names: string[] = [];
  const collect = (expr: ts.Expression | undefined): void => {
    if (expr === undefined) return;
    if (ts.isIdentifier(expr)) names.push(expr.text);
    if (ts.isCallExpression(expr)) collect(expr.arguments[0]);
  };
  for (const site of sites) collect(site.call.arguments[0]);
  return names;
}

/** The name each call in `javascript` calls: `f(...)`, `a.f(...)` and CommonJS's `(0, a.f)(...)` all give `f`. */
function calledNames(javascript: string): string[] {
  const file = ts.createSourceFile("emitted.js", javascript, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const names: string[] = [];
  const calleeName = (callee: ts.Expression): string | undefined => {
    if (ts.isParenthesizedExpression(callee)) return calleeName(callee.expression);
    if (ts.isBinaryExpression(callee) && callee.operatorToken.kind === ts.SyntaxKind.CommaToken) return calleeName(callee.right);
    if (ts.isIdentifier(callee)) return callee.text;
    if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name !== undefined) names.push(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** Everything written to stderr or through console.warn/error while `run` runs; console.log is silenced. */
function captureWarnings(run: () => void): string[] {
  const written: string[] = [];
  const record = (...args: unknown[]) => void written.push(args.map(String).join(" "));
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(record);
  vi.spyOn(console, "error").mockImplementation(record);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    record(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  run();
  return written;
}

afterEach(() => {
  vi.restoreAllMocks();
});

it("the fixtures type-check", () => {
  const errors = build.preEmitDiagnostics.map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => fixturesDir, getNewLine: () => "\n" }));
  expect(errors).toEqual([]);
});

describe.each(positiveCases)("fixture %s", (name) => {
  const input = path.join(fixturesDir, name, "input.ts");

  it("compiles every vmap site; the emitted JS matches output.js", async () => {
    const { javascript, diagnostics, sites } = build.emit(input);
    expect(diagnostics.map((d) => refusalLine(d, input))).toEqual([]);
    expect(sites.length).toBeGreaterThan(0);
    await expect(javascript).toMatchFileSnapshot(`../fixtures/${name}/output.js`);
  });

  it("leaves no vmap call and no call of the per-example function in the emitted JS", () => {
    const { javascript, sites } = build.emit(input);
    const forbidden = new Set(["vmap", ...perExampleNames(sites)]);
    expect(calledNames(javascript).filter((called) => forbidden.has(called))).toEqual([]);
  });

  it("agrees with vmap.reference at every batch size, and never warns that it was not compiled", () => {
    const warnings = captureWarnings(() => {
      // Loading runs the fixture's `vmap(...)` calls, where an uncompiled vmap would warn.
      const fixture = loadPositive(input);
      for (const batchSize of fixture.batchSizes ?? defaultBatchSizes) {
        // Each side gets its own copy of the same inputs, so neither can see the other's effects.
        const actual = fixture.batched(...fixture.inputs(batchSize, new Random(batchSize + 1)));
        const expected = fixture.reference(...fixture.inputs(batchSize, new Random(batchSize + 1)));
        expect(comparePytrees(actual, expected), `batch size ${batchSize}`).toEqual([]);
      }
    });
    expect(warnings.filter((warning) => /not compiled/.test(warning))).toEqual([]);
  });
});

describe.each(negativeCases)("error fixture %s", (name) => {
  const fixture = path.join(errorsDir, `${name}.ts`);

  it("is refused with diagnostics matching <case>.diagnostics.txt, and no site compiles", async () => {
    const { diagnostics, sites } = build.emit(fixture);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.filter((site) => site.replacement !== undefined).map((site) => site.call.getText())).toEqual([]);
    const lines = diagnostics.map((d) => refusalLine(d, fixture));
    expect(lines.filter((line) => line.startsWith("TSVMAP9000 "))).toEqual([]);
    await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot(`../fixtures/errors/${name}.diagnostics.txt`);
  });
});
