import { describe, expect, it } from "vitest";
import { inheritParameterNames, parameterNames } from "../../runtime/parameter-names";

describe("parameterNames", () => {
  it("reads function declarations, expressions and arrows", () => {
    function declared(x: number, weights: number[]): number {
      return x + weights.length;
    }
    expect(parameterNames(declared)).toEqual(["x", "weights"]);
    expect(parameterNames(function (a: number) { return a; })).toEqual(["a"]);
    expect(parameterNames((left: number, right: number) => left + right)).toEqual(["left", "right"]);
    expect(parameterNames((v: number) => v)).toEqual(["v"]);
    expect(parameterNames(async (v: number) => v)).toEqual(["v"]);
    expect(parameterNames(() => 0)).toEqual([]);
  });

  it("reads methods", () => {
    const model = {
      predict(input: number, scale = 2): number {
        return input * scale;
      },
    };
    expect(parameterNames(model.predict)).toEqual(["input", "scale"]);
  });

  it("skips defaults containing brackets, commas and strings, and keeps rest parameters", () => {
    const fn = (a = Math.max(1, 2), b = [3, 4], c = "(,)", ...rest: number[]): number => a + b.length + c.length + rest.length;
    expect(parameterNames(fn)).toEqual(["a", "b", "c", "rest"]);
  });

  it("has no name for a destructured parameter", () => {
    const fn = ({ w, b }: { w: number; b: number }, [first]: number[], x: number): number => w + b + first + x;
    expect(parameterNames(fn)).toEqual([undefined, undefined, "x"]);
  });

  it("has no names for native and bound functions", () => {
    expect(parameterNames(Math.max)).toEqual([]);
    expect(parameterNames(((x: number) => x).bind(null))).toEqual([]);
  });

  it("lets a wrapper report the names of the function it wraps", () => {
    const inner = (points: number, query: number): number => points + query;
    const wrapper = (...args: number[]): number => inner(args[0], args[1]);
    inheritParameterNames(wrapper, inner);
    expect(parameterNames(wrapper)).toEqual(["points", "query"]);
  });
});
