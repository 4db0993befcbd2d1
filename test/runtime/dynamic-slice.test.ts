import { describe, it } from "vitest";
import { dynamicSlice, gatherSlice } from "../../runtime/batched/gather";
import * as np from "../../runtime/np";
import { expectError, expectTensor } from "./helpers";

describe("gatherSlice (a dynamic slice per example)", () => {
  const rows = np.array([[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]]);

  it("takes each example's own window at its start", () => {
    expectTensor(gatherSlice(rows, true, np.array([0, 1]), 2, 1, 0), [[[1, 2], [3, 4]], [[9, 10], [11, 12]]]);
    expectTensor(gatherSlice(rows, true, np.array([1, 0]), 1, 1, 1), [[[2], [4], [6]], [[7], [9], [11]]]);
    expectTensor(gatherSlice(np.arange(5), false, np.array([3, 0, 2]), 2, 1, 0), [[3, 4], [0, 1], [2, 3]]);
    expectTensor(gatherSlice(rows, true, 2, 1, 1, 0), [[[5, 6]], [[11, 12]]]);
  });

  it("keeps the dtype and gives the window shape to an empty batch", () => {
    expectTensor(gatherSlice(np.array(new Int32Array([4, 5, 6])), false, np.array([2, 1]), 1, 1, 0), [[6], [5]], "int32");
    const empty = gatherSlice(np.zeros([0, 4, 3]), true, np.zeros([0]), 2, 1, 0);
    expectTensor(empty, []);
    if (empty.shape.join() !== "0,2,3") throw new Error(`shape ${empty.shape.join()}`);
  });

  it("refuses windows that do not fit, with slice's errors", () => {
    expectError(() => gatherSlice(np.arange(5), false, np.array([0, 4]), 2, 1, 0), RangeError, "slice", "stop 6", "size 5");
    expectError(() => gatherSlice(np.arange(5), false, np.array([-1]), 2, 1, 0), RangeError, "slice", "start -1", "(2,)");
    expectError(() => gatherSlice(np.arange(5), false, np.array([0.5]), 2, 1, 0), TypeError, "slice", "start must be an integer");
    expectError(() => gatherSlice(np.arange(3), false, np.zeros([0]), 4, 1, 0), RangeError, "slice", "size 4", "(3,)");
    expectError(() => gatherSlice(np.array(1), false, np.zeros([2]), 1, 1, 0), RangeError, "slice", "rank-0");
    expectError(() => gatherSlice(np.arange(3), false, np.zeros([2]), 1, 1, 2), RangeError, "slice");
    expectError(() => gatherSlice(rows, true, np.array([0, 0, 0]), 1, 1, 0), RangeError, "slice");
  });

  it("dynamicSlice is slice(t, start, start + size) for one example", () => {
    expectTensor(dynamicSlice(np.arange(6), 2, 3), [2, 3, 4]);
    expectTensor(dynamicSlice(np.array([[1, 2, 3], [4, 5, 6]]), 1, 2, 1), [[2, 3], [5, 6]]);
    expectError(() => dynamicSlice(np.arange(3), 2, 2), RangeError, "slice", "stop 4");
  });
});
