import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { vmapTransformer } from "../../transformer/index";

// Emitted statements map back to the per-example code they came from, in whichever file that is.
const fixtures = fileURLToPath(new URL("../../fixtures", import.meta.url));

function emitWithSourceMap(relative: string): { javascript: string; map: TraceMap } {
  const fileName = path.join(fixtures, relative);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    types: [],
    sourceMap: true,
    outDir: path.join(fixtures, "out"),
    rootDir: fixtures,
    paths: { tsvmap: [path.join(fixtures, "../runtime/index.ts")], "tsvmap/runtime": [path.join(fixtures, "../runtime/batched/index.ts")] },
  };
  const program = ts.createProgram([fileName], options);
  const outputs = new Map<string, string>();
  const diagnostics: ts.Diagnostic[] = [];
  program.emit(program.getSourceFile(fileName), (name, text) => outputs.set(path.extname(name), text), undefined, false, {
    before: [vmapTransformer(program, { ts, addDiagnostic: (d) => diagnostics.push(d) })],
  });
  expect(diagnostics).toEqual([]);
  return { javascript: outputs.get(".js")!, map: new TraceMap(outputs.get(".map")!) };
}

/** Where the first emitted line containing `needle` comes from. */
function originOf(emitted: { javascript: string; map: TraceMap }, needle: string) {
  const lines = emitted.javascript.split("\n");
  const line = lines.findIndex((text) => text.includes(needle));
  expect(line, `no emitted line contains ${needle}`).toBeGreaterThanOrEqual(0);
  const column = lines[line].search(/\S/);
  const origin = originalPositionFor(emitted.map, { line: line + 1, column });
  return { source: origin.source && path.basename(origin.source), line: origin.line };
}

describe("source maps of compiled vmap sites", () => {
  it("map each batched statement to the per-example line it came from", () => {
    const emitted = emitWithSourceMap("seed/input.ts");
    expect(originOf(emitted, "console.log(`Running sumOfSquares")).toEqual({ source: "input.ts", line: 6 });
    expect(originOf(emitted, "np.square(vectorBatch)")).toEqual({ source: "input.ts", line: 7 });
    expect(originOf(emitted, "np.sum(square")).toEqual({ source: "input.ts", line: 7 });
  });

  it("map an inlined helper's statements to the helper's own file", () => {
    const emitted = emitWithSourceMap("helpers-inlined/input.ts");
    expect(originOf(emitted, "np.sqrt(")).toEqual({ source: "helpers.ts", line: 5 });
    expect(originOf(emitted, "np.mul(")).toEqual({ source: "input.ts", line: 6 });
  });
});
