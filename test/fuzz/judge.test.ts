import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BatchCompiler, type CompiledFile, generatedDirectory } from "./compile";
import { judge } from "./execute";
import { buildModule } from "./generate";
import { programPlan } from "./plan";
import { printModule } from "./print";

/*
 * The fuzzer's own checks, independent of what today's core gets right: the
 * generator makes well-typed programs, deterministically from a seed, and the
 * judge tells the four outcomes apart.
 */

describe("the program generator", () => {
  const plans = fc.sample(programPlan, { seed: 42, numRuns: 60 });
  const sources = plans.map((plan, i) => ({ fileName: path.join(generatedDirectory, `case${i}.ts`), text: printModule(buildModule(plan)) }));

  it("makes the same programs from the same seed", () => {
    const again = fc.sample(programPlan, { seed: 42, numRuns: 60 }).map((plan) => printModule(buildModule(plan)));
    expect(again).toEqual(sources.map((source) => source.text));
  });

  it("makes programs that TypeScript accepts", () => {
    const typeErrors = new BatchCompiler().compile(sources).flatMap((file) => file.typeErrors.map((error) => `${file.source}\n${error}`));
    expect(typeErrors).toEqual([]);
  });

  it("makes every shrink of a plan a program too", () => {
    const [plan] = plans;
    const shrinks = [...programPlan.shrink(plan, undefined).take(20)].map((candidate) => printModule(buildModule(candidate.value)));
    expect(shrinks.length).toBeGreaterThan(0);
    expect(shrinks.every((source) => source.includes("export const batched = vmap(perExample"))).toBe(true);
  });
});

/** A compiled case whose emitted code is `javascript` (CommonJS, requiring tsvmap as the transformer's output does). */
function compiled(javascript: string, extra: Partial<CompiledFile> = {}): CompiledFile {
  return { fileName: path.join(generatedDirectory, "hand-written.ts"), source: "", javascript, typeErrors: [], diagnostics: [], ...extra };
}

const exportsOf = (batched: string, reference: string) =>
  [
    'const { vmap, np } = require("tsvmap");',
    `exports.batched = ${batched};`,
    `exports.reference = vmap.reference(${reference});`,
    "exports.batchSizes = [0, 1, 3];",
    "exports.inputs = (batchSize, random) => [random.normal([batchSize])];",
  ].join("\n");

describe("the judge", () => {
  it("agrees when the compiled side computes the reference's results", () => {
    const file = compiled(exportsOf("(x) => np.mul(x, 2)", "(x) => x * 2"));
    expect(judge(file).outcome).toBe("agree");
  });

  it("calls wrong values, dtypes and a throw where the reference works a MISMATCH", () => {
    expect(judge(compiled(exportsOf("(x) => np.mul(x, 3)", "(x) => x * 2"))).detail).toMatch(/elements differ/);
    expect(judge(compiled(exportsOf("(x) => np.less(x, 2)", "(x) => x * 2"))).detail).toMatch(/dtype bool, expected float64/);
    const throwing = judge(compiled(exportsOf("(x) => { throw new TypeError('boom'); }", "(x) => x")));
    expect([throwing.outcome, throwing.detail]).toEqual(["MISMATCH", "compiled throws TypeError: boom where the reference works, at batch size 0"]);
  });

  it("wants the reference's error class where the reference throws", () => {
    const same = compiled(exportsOf("(x) => { throw new RangeError('a'); }", "(x) => { throw new RangeError('b'); }"));
    const other = compiled(exportsOf("(x) => { throw new TypeError('a'); }", "(x) => { throw new RangeError('b'); }"));
    expect(judge(same).outcome).toBe("agree");
    expect(judge(other).detail).toMatch(/^reference throws RangeError: b, compiled throws TypeError: a/);
  });

  it("calls a compiled loop that never ends a MISMATCH, not a hang", () => {
    expect(judge(compiled(exportsOf("(x) => { for (;;); }", "(x) => x"))).detail).toMatch(/Script execution timed out/);
  });

  it("tells CRASH, REFUSED and INVALID apart", () => {
    const internal = { code: 9000, message: "TSVMAP9000: internal error while compiling this vmap call; it was left uncompiled. Please report this as a tsvmap bug, with the call. Error: x" };
    expect(judge(compiled("", { diagnostics: [internal] })).outcome).toBe("CRASH");
    expect(judge(compiled("", { crash: "Error: thrown out of emit" })).outcome).toBe("CRASH");
    expect(judge(compiled("", { diagnostics: [{ code: 9003, message: "TSVMAP9003: not this" }] })).cause).toBe("REFUSED TSVMAP9003 not this");
    expect(judge(compiled("", { typeErrors: ["3: Type 'string' is not assignable to type 'number'."] })).outcome).toBe("INVALID");
  });
});
