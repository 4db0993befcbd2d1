import { expect } from "vitest";
import type { DType } from "../../runtime/dtype";
import type { NestedArray, Tensor } from "../../runtime/tensor";

/** Asserts shape, dtype and (nested) values of a tensor in one go. */
export function expectTensor(t: Tensor, values: NestedArray, dtype: DType = "float64"): void {
  expect(t.dtype).toBe(dtype);
  expect(t.toArray()).toEqual(values);
}

/** Asserts that `run` throws `kind` with a message containing every fragment. */
export function expectError(run: () => unknown, kind: typeof RangeError | typeof TypeError, ...fragments: string[]): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(kind);
  for (const fragment of fragments) expect((thrown as Error).message).toContain(fragment);
}
