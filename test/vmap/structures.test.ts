import { describe, expect, it } from "vitest";
import { Tensor, np, vmap } from "../../runtime/index";

describe("structured arguments and results", () => {
  it("takes objects and tuples as arguments and returns an object of Tensors", () => {
    const step = (state: { position: Tensor; speed: number }, [dt, drag]: [number, number]) => ({
      position: np.add(state.position, state.speed * dt),
      speed: state.speed * drag,
    });
    const batched = vmap.reference(step, { inAxes: [0, null] });
    const result = batched({ position: np.array([[0, 0], [1, 1]]), speed: new Float64Array([2, 4]) }, [0.5, 0.25]);
    expect(result.position.toArray()).toEqual([[1, 1], [3, 3]]);
    expect(result.speed.toArray()).toEqual([0.5, 1]);
  });

  it("keeps object keys in the function's order and tuples as arrays", () => {
    const split = (v: number) => ({ b: [v, -v] as [number, number], a: v > 0 });
    const result = vmap.reference(split)(new Float64Array([3, -1]));
    expect(Object.keys(result)).toEqual(["b", "a"]);
    expect(Array.isArray(result.b)).toBe(true);
    expect(result.b.map((t) => t.toArray())).toEqual([[3, -1], [-3, 1]]);
    expect(result.a.dtype).toBe("bool");
    expect(result.a.toArray()).toEqual([true, false]);
  });

  it("stacks numbers into float64 and keeps Tensor dtypes", () => {
    const pair = (row: Tensor) => [np.sum(row), row] as const;
    const [sums, rows] = vmap.reference(pair)(np.array(new Int32Array([1, 2, 3, 4]), [2, 2]));
    expect(sums.dtype).toBe("float64");
    expect(rows.dtype).toBe("int32");
    expect(rows.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it("stacks a typed array returned per example as a 1-D leaf", () => {
    const result = vmap.reference((v: number) => new Float32Array([v, v + 1]))(new Float64Array([1, 5]));
    expect(result.dtype).toBe("float32");
    expect(result.toArray()).toEqual([[1, 2], [5, 6]]);
  });

  it("keeps null and undefined in results as they are", () => {
    const logged: number[] = [];
    const result = vmap.reference((v: number) => {
      logged.push(v);
    })(new Float64Array([4, 5]));
    expect(result).toBeUndefined();
    expect(logged).toEqual([4, 5]);
    expect(vmap.reference((v: number) => ({ v, none: null }))(new Float64Array([1])).none).toBeNull();
  });
});
