import { allocate, type DType, type TypedArray } from "../dtype";
import { Tensor, formatShape } from "../tensor";

/** A generated kernel: reads `count` elements of each input, writes each output. */
export type Kernel = (count: number, inputs: TypedArray[], outputs: TypedArray[]) => void;

/**
 * Runs a kernel the transformer generated for a fused group of per-example
 * scalar ops: every input holds one element per example (the same batch
 * shape), and every output is new.
 */
export function fuse(inputs: readonly Tensor[], outputs: readonly DType[], kernel: Kernel): Tensor[] {
  const shape = inputs[0].shape;
  for (const input of inputs) {
    if (input.shape.length !== shape.length || input.shape.some((extent, axis) => extent !== shape[axis])) {
      throw new RangeError(`fuse: batched inputs of shapes ${formatShape(shape)} and ${formatShape(input.shape)} do not match`);
    }
  }
  const count = inputs[0].size;
  const data = outputs.map((dtype) => allocate(dtype, count));
  kernel(count, inputs.map((input) => input.data), data);
  return data.map((values, index) => new Tensor(values, shape, outputs[index]));
}
