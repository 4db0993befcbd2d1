import { describe, expect, it } from "vitest";
import { fuseExamples } from "../../runtime/batched/fuse";
import { array } from "../../runtime/create";
import type { TypedArray } from "../../runtime/dtype";

// The driver of generated kernels: offsets per example, broadcasting over missing levels, and when it declines.
type Kernel = Parameters<typeof fuseExamples>[4];

/** out[example] = Σ over the example's elements of a·b, and the elementwise products. */
const dotKernel: Kernel = (count, size, [a, b], [aStart, bStart], [aStep, bStep], [products, sums], outStart) => {
  for (let example = 0; example < count; example++) {
    let total = 0;
    for (let index = 0; index < size; index++) {
      const product = a[aStart + example * aStep + index] * b[bStart + example * bStep + index];
      products[(outStart + example) * size + index] = product;
      total += product;
    }
    sums[outStart + example] = total;
  }
};

const outputs = [["element", "float64"], ["example", "float64"]] as const;

describe("fuseExamples", () => {
  it("runs a kernel over every example, reading each input at its own offsets", () => {
    const a = array([[1, 2], [3, 4], [5, 6]]);
    const b = array([[1, 1], [0, 1], [2, 0]]);
    const [products, sums] = fuseExamples([a, b], ["element", "element"], 1, outputs, dotKernel)!;
    expect(products.toArray()).toEqual([[1, 2], [0, 4], [10, 0]]);
    expect(sums.toArray()).toEqual([3, 4, 10]);
  });

  it("reads an input lacking a level again for every example of that level", () => {
    const rows = array([[[1, 2]], [[3, 4]]]); // levels (2, 1), examples (2,)
    const columns = array([[[1, 0], [0, 1], [1, 1]]]); // levels (1, 3)
    const [, sums] = fuseExamples([rows, columns], ["element", "element"], 2, outputs, dotKernel)!;
    expect(sums.shape).toEqual([2, 3]);
    expect(sums.toArray()).toEqual([[1, 2, 3], [3, 4, 7]]);
  });

  it("passes one number per example for example inputs", () => {
    const values = array([[1, 2], [3, 4]]);
    const scale = array([10, 100]);
    const kernel: Kernel = (count, size, [v, s], [vStart, sStart], [vStep, sStep], [out], outStart) => {
      for (let example = 0; example < count; example++) {
        for (let index = 0; index < size; index++) out[(outStart + example) * size + index] = v[vStart + example * vStep + index] * s[sStart + example * sStep];
      }
    };
    const [scaled] = fuseExamples([values, scale], ["element", "example"], 1, [["element", "float64"]], kernel)!;
    expect(scaled.toArray()).toEqual([[10, 20], [300, 400]]);
  });

  it("reads a constant input, unbatched, as every example's elements", () => {
    const batch = array([[1, 2], [3, 4], [5, 6]]);
    const bias = array([10, 20]);
    const [products, sums] = fuseExamples([batch, bias], ["element", "constant"], 1, outputs, dotKernel)!;
    expect(products.toArray()).toEqual([[10, 40], [30, 80], [50, 120]]);
    expect(sums.toArray()).toEqual([50, 110, 170]);
    expect(fuseExamples([batch, array([1, 2, 3])], ["element", "constant"], 1, outputs, dotKernel)).toBeUndefined();
  });

  it("declines, so the ops run one by one, where float64 arithmetic would not be theirs", () => {
    const never: Kernel = () => {
      throw new Error("the kernel must not run");
    };
    const float = array([[1, 2]]);
    expect(fuseExamples([array(new Int32Array([1, 2]), [1, 2]), float], ["element", "element"], 1, outputs, never)).toBeUndefined();
    expect(fuseExamples([array(new Float32Array([1, 2]), [1, 2]), float], ["element", "element"], 1, outputs, never)).toBeUndefined();
    expect(fuseExamples([array([[1, 2, 3]]), float], ["element", "element"], 1, outputs, never)).toBeUndefined();
    expect(fuseExamples([array(new Float64Array(0), [2, 0])], ["element"], 1, outputs, never)).toBeUndefined();
  });

  it("gives empty outputs for an empty batch without running the kernel", () => {
    const calls: TypedArray[][] = [];
    const [products, sums] = fuseExamples([array(new Float64Array(0), [0, 2])], ["element"], 1, outputs, (_c, _s, inputs) => void calls.push(inputs))!;
    expect(calls).toEqual([]);
    expect(products.shape).toEqual([0, 2]);
    expect(sums.shape).toEqual([0]);
  });
});
