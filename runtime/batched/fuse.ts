import { broadcastShapes, broadcastStrides } from "../broadcast";
import { allocate, type DType, type TypedArray } from "../dtype";
import { Tensor, shapeSize } from "../tensor";

/**
 * A kernel the transformer generated for a fused group: for `count`
 * consecutive examples, input `i` is read from `inputs[i]` at `starts[i] +
 * example * steps[i]` (one number, or `size` elements, per example), the
 * outputs are written from example `outputStart` on, and `constants` are the
 * call's unbatched values the kernel reads.
 */
export type Kernel = (
  count: number,
  size: number,
  inputs: TypedArray[],
  starts: number[],
  steps: number[],
  outputs: TypedArray[],
  outputStart: number,
  constants: unknown[],
) => void;

/**
 * Whether an input or output holds one number per example, or one per element
 * of the example; a `constant` input is unbatched, the same elements for every example.
 */
export type Phase = "example" | "element";
export type InputPhase = Phase | "constant";

/** A kernel over tensors' elements: one function per dtype it computes in, so each reads one kind of typed array. */
export interface ElementKernels {
  readonly float64: Kernel;
  readonly float32: Kernel;
}

/**
 * Runs a generated kernel over a batch with `leading` batch axes. Inputs lacking
 * a level have a size-1 axis there and are read again for every example of it.
 * Element kernels come in a float64 and a float32 version: the one of the
 * data's dtype runs, and an output declared "data" is stored in that dtype.
 * Returns undefined, so the caller runs the ops one by one, where a kernel
 * would not compute what the ops do: element inputs of another dtype or of
 * two dtypes, examples of different shapes, empty or rank-0 examples; or an
 * unbatched scalar that is not a number or boolean (`undefined` read past the
 * end of an array), which an op rejects and JS arithmetic makes NaN.
 */
export function fuseExamples(
  inputs: readonly Tensor[],
  phases: readonly InputPhase[],
  leading: number,
  outputs: readonly (readonly [Phase, DType | "data"])[],
  kernels: Kernel | ElementKernels,
  constants: unknown[] = [],
): Tensor[] | undefined {
  if (!constants.every((constant) => typeof constant === "number" || typeof constant === "boolean")) return undefined;
  let example: readonly number[] = [];
  let elementInputs = 0;
  let dtype: DType = "float64";
  const leadingOf = (index: number) => (phases[index] === "constant" ? 0 : leading);
  for (const [index, input] of inputs.entries()) {
    if (phases[index] === "example") continue;
    const shape = input.shape.slice(leadingOf(index));
    if ((input.dtype !== "float64" && input.dtype !== "float32") || (elementInputs > 0 && (!sameShape(shape, example) || input.dtype !== dtype))) return undefined;
    example = shape;
    dtype = input.dtype;
    elementInputs++;
  }
  const size = shapeSize(example);
  // numpy's sum of a rank-0 Tensor is its element, -0 kept; a kernel's sum adds it to 0.
  if (elementInputs > 0 && (size === 0 || example.length === 0)) return undefined;
  const kernel = typeof kernels === "function" ? kernels : dtype === "float32" ? kernels.float32 : kernels.float64;
  const stored = (declared: DType | "data"): DType => (declared === "data" ? dtype : declared);
  const lead = broadcastShapes("fuse", ...inputs.map((input, index) => input.shape.slice(0, leadingOf(index))));
  const strides = inputs.map((input, index) =>
    broadcastStrides(input.shape.slice(0, leadingOf(index)), lead).map((stride) => (phases[index] === "example" ? stride : stride * size)),
  );
  const examples = shapeSize(lead);
  const data = outputs.map(([phase, declared]) => allocate(stored(declared), phase === "element" ? examples * size : examples));
  const count = lead[leading - 1];
  const rows = count === 0 ? 0 : examples / count;
  const position = new Array<number>(leading - 1).fill(0);
  const arrays = inputs.map((input) => input.data);
  const steps = strides.map((stride) => stride[leading - 1]);
  for (let row = 0; row < rows; row++) {
    const starts = strides.map((stride) => position.reduce((start, at, axis) => start + at * stride[axis], 0));
    kernel(count, size, arrays, starts, steps, data, row * count, constants);
    for (let axis = leading - 2; axis >= 0 && ++position[axis] === lead[axis]; axis--) position[axis] = 0;
  }
  return data.map((values, index) => {
    const [phase, declared] = outputs[index];
    return new Tensor(values, phase === "element" ? [...lead, ...example] : lead, stored(declared));
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, axis) => extent === b[axis]);
}
