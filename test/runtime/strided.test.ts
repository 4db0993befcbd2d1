import { describe, expect, it } from "vitest";
import { broadcastShapes, broadcastStrides, tryBroadcastShapes } from "../../runtime/broadcast";
import { collapseAxes, copyStrided, forEachRow } from "../../runtime/strided";
import { expectError } from "./helpers";

describe("broadcastShapes", () => {
  it("aligns trailing axes and stretches unit axes", () => {
    expect(broadcastShapes("op", [3], [2, 3])).toEqual([2, 3]);
    expect(broadcastShapes("op", [2, 1], [1, 3])).toEqual([2, 3]);
    expect(broadcastShapes("op", [], [4])).toEqual([4]);
    expect(broadcastShapes("op", [1], [0])).toEqual([0]);
    expect(broadcastShapes("op", [5, 1, 2], [3, 1], [2])).toEqual([5, 3, 2]);
    expect(tryBroadcastShapes([2], [3])).toBeUndefined();
  });
  it("names the op and the shapes when they do not broadcast", () => {
    expectError(() => broadcastShapes("add", [2, 3], [4]), RangeError, "add: shapes (2, 3) and (4,) do not broadcast");
    expectError(() => broadcastShapes("mul", [0], [2]), RangeError, "mul", "(0,)", "(2,)");
  });
  it("broadcastStrides puts 0 on repeated axes", () => {
    expect(broadcastStrides([3], [2, 3])).toEqual([0, 1]);
    expect(broadcastStrides([2, 1], [2, 3])).toEqual([1, 0]);
    expect(broadcastStrides([2, 3], [2, 3])).toEqual([3, 1]);
  });
});

describe("strided walks", () => {
  it("collapseAxes merges axes every operand steps through as one", () => {
    expect(collapseAxes([2, 3, 4], [[12, 4, 1], [0, 4, 1]])).toEqual({ shape: [2, 12], strides: [[12, 1], [0, 1]] });
    expect(collapseAxes([2, 1, 3], [[3, 3, 1]])).toEqual({ shape: [6], strides: [[1]] });
    expect(collapseAxes([2, 3], [[1, 2]])).toEqual({ shape: [2, 3], strides: [[1, 2]] });
  });
  it("forEachRow visits rows in row-major order with each operand's offsets", () => {
    const rows: [number[], number, number, readonly number[]][] = [];
    forEachRow([2, 3], [[0, 1], [1, 0]], [0, 0], (starts, outStart, length, inner) => {
      rows.push([starts.slice(), outStart, length, inner]);
    });
    expect(rows).toEqual([
      [[0, 0], 0, 3, [1, 0]],
      [[0, 1], 3, 3, [1, 0]],
    ]);
  });
  it("copyStrided reads a transposed view", () => {
    const out = new Float64Array(6);
    copyStrided(out, Float64Array.of(1, 2, 3, 4, 5, 6), 0, [3, 2], [1, 3]);
    expect(Array.from(out)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
