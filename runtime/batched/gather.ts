import { normalizeIndex } from "../axes";
import { broadcastShapes, broadcastStrides } from "../broadcast";
import { allocate } from "../dtype";
import { Tensor, formatShape, shapeSize, stridesOf } from "../tensor";
import { toTensor } from "./tensors";

/**
 * Indexing where the index differs per example: one gather over the batch.
 * Batched operands carry `leading` batch axes (size 1 where they lack a
 * level); an unbatched index is a plain number.
 */

/** `index(t, i)` per example: the sub-tensor at each example's `i` along its first axis. */
export function gatherIndex(t: Tensor, tBatched: boolean, i: Tensor | number, leading: number): Tensor {
  const exampleShape = t.shape.slice(tBatched ? leading : 0);
  if (exampleShape.length === 0) throw new RangeError(`index: cannot index a rank-0 example of shape ${formatShape(exampleShape)}`);
  return gather("index", t, tBatched, [i], leading, 1);
}

/** `at(t, ...indices)` per example: one element of each example. */
export function gatherAt(t: Tensor, tBatched: boolean, indices: readonly (Tensor | number)[], leading: number): Tensor {
  const rank = t.ndim - (tBatched ? leading : 0);
  if (indices.length !== rank) {
    throw new RangeError(`at: ${indices.length} indices for an example of shape ${formatShape(t.shape.slice(t.ndim - rank))}; give one per axis`);
  }
  return gather("at", t, tBatched, indices, leading, rank);
}

/** Selects, per batch position, the block of `t` at `indices` along its first `indexed` example axes. */
function gather(op: string, t: Tensor, tBatched: boolean, indices: readonly (Tensor | number)[], leading: number, indexed: number): Tensor {
  const exampleShape = t.shape.slice(tBatched ? leading : 0);
  const indexTensors = indices.map((index) => toTensor(index));
  const leadOf = (x: Tensor, batched: boolean) => (batched ? x.shape.slice(0, leading) : []);
  const lead = broadcastShapes(op, leadOf(t, tBatched), ...indexTensors.map((index) => leadOf(index, index.ndim > 0)));
  const block = exampleShape.slice(indexed);
  const blockSize = shapeSize(block);
  const exampleStrides = stridesOf(exampleShape);
  const tStrides = tBatched ? broadcastStrides(t.shape.slice(0, leading), lead).map((stride) => stride * shapeSize(exampleShape)) : lead.map(() => 0);
  const indexStrides = indexTensors.map((index) => (index.ndim > 0 ? broadcastStrides(index.shape, lead) : lead.map(() => 0)));
  const count = shapeSize(lead);
  const out = allocate(t.dtype, count * blockSize);
  const position = new Array<number>(lead.length).fill(0);
  for (let example = 0; example < count; example++) {
    let source = 0;
    for (let axis = 0; axis < lead.length; axis++) source += position[axis] * tStrides[axis];
    for (let axis = 0; axis < indexTensors.length; axis++) {
      let offset = 0;
      for (let leadAxis = 0; leadAxis < lead.length; leadAxis++) offset += position[leadAxis] * indexStrides[axis][leadAxis];
      source += normalizeIndex(op, indexTensors[axis].data[offset], exampleShape[axis], axis, exampleShape) * exampleStrides[axis];
    }
    out.set(t.data.subarray(source, source + blockSize), example * blockSize);
    for (let axis = lead.length - 1; axis >= 0 && ++position[axis] === lead[axis]; axis--) position[axis] = 0;
  }
  return new Tensor(out, [...lead, ...block], t.dtype);
}
