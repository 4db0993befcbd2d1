import { broadcastShapes, broadcastStrides } from "../broadcast";
import { allocate, type DType, type TypedArray } from "../dtype";
import { fitsInt32 } from "../elementwise/weak-typing";
import type { KernelHelpers } from "../scalar-math";
import { type KernelRun, runKernel } from "../threads/parallel";
import { type Tensor, resultTensor, shapeSize } from "../tensor";

/**
 * A kernel the transformer generated for a fused group: for `count`
 * consecutive examples, input `i` is read from `inputs[i]` at `starts[i] +
 * example * steps[i]` (one number, or `size` elements, per example), the
 * outputs are written from example `outputStart` on, and `constants` are the
 * call's unbatched values the kernel reads; `helpers` are the scalar
 * functions it calls. It reads nothing else, so its text alone runs it.
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
  helpers: KernelHelpers,
) => void;

/**
 * Whether an input or output holds one number per example, or one per element
 * of the example; a `constant` input is unbatched, the same elements for every example.
 */
export type Phase = "example" | "element";
export type InputPhase = Phase | "constant";

/**
 * A kernel over tensors' elements: one function per dtype it computes in, so
 * each reads one kind of typed array. There is an int32 one where the
 * transformer could give every step numpy's int32 dtype from the code alone.
 */
export interface ElementKernels {
  readonly float64: Kernel;
  readonly float32: Kernel;
  readonly int32?: Kernel;
  /**
   * The per-example number inputs and the constants that the int32 function
   * holds to be int32 (each JS number meets int32 elements in int32 when it
   * fits): where one does not, the ops run one by one.
   */
  readonly int32Integers?: { readonly inputs: readonly number[]; readonly constants: readonly number[] };
}

/**
 * What an output holds: one number per example or one per element, and its
 * dtype: `data` for the data's, and, where it differs, what the int32 kernel
 * stores (float64 where numpy's int32 loop gives float64: `sqrt`, `/`, ...).
 */
export type OutputSpec = readonly [Phase, DType | "data"] | readonly [Phase, DType | "data", DType];

/**
 * Runs a generated kernel over a batch with `leading` batch axes. Inputs lacking
 * a level have a size-1 axis there and are read again for every example of it.
 * Element kernels come in a float64, a float32 and sometimes an int32
 * version: the one of the data's dtype runs, and an output declared "data" is
 * stored in that dtype. Returns undefined, so the caller runs the ops one by
 * one, where a kernel would not compute what the ops do: element inputs of
 * another dtype (int32 without an int32 version, or with one whose JS numbers
 * do not all fit int32) or of two dtypes, examples of different shapes, empty or rank-0 examples; or an
 * unbatched scalar that is not a number or boolean (`undefined` read past the
 * end of an array), which an op rejects and JS arithmetic makes NaN.
 */
export function fuseExamples(
  inputs: readonly Tensor[],
  phases: readonly InputPhase[],
  leading: number,
  outputs: readonly OutputSpec[],
  kernels: Kernel | ElementKernels,
  constants: unknown[] = [],
): Tensor[] | undefined {
  // Plain loops throughout: this runs once per batched call, and at small batches its own cost is the call's.
  for (let index = 0; index < constants.length; index++) {
    const constant = constants[index];
    if (typeof constant !== "number" && typeof constant !== "boolean") return undefined;
  }
  // The example shape is that of the first input with elements, from `exampleFrom` on: compared in place, sliced only if an output needs it.
  let exampleOf: Tensor | undefined;
  let exampleFrom = 0;
  let dtype: DType = "float64";
  for (let index = 0; index < inputs.length; index++) {
    if (phases[index] === "example") continue;
    const input = inputs[index];
    const from = phases[index] === "constant" ? 0 : leading;
    if (input.dtype !== "float64" && input.dtype !== "float32" && (input.dtype !== "int32" || typeof kernels === "function" || kernels.int32 === undefined)) return undefined;
    if (exampleOf === undefined) {
      exampleOf = input;
      exampleFrom = from;
      dtype = input.dtype;
    } else if (input.dtype !== dtype || !sameShapeFrom(input.shape, from, exampleOf.shape, exampleFrom)) return undefined;
  }
  const rank = exampleOf === undefined ? 0 : exampleOf.ndim - exampleFrom;
  let size = 1;
  for (let axis = 0; axis < rank; axis++) size *= exampleOf!.shape[exampleFrom + axis];
  // numpy's sum of a rank-0 Tensor is its element, -0 kept; a kernel's sum adds it to 0.
  if (exampleOf !== undefined && (size === 0 || rank === 0)) return undefined;
  if (dtype === "int32" && typeof kernels !== "function" && kernels.int32Integers !== undefined && !integersFit(kernels.int32Integers, inputs, constants)) return undefined;
  const kernel = typeof kernels === "function" ? kernels : dtype === "float32" ? kernels.float32 : dtype === "int32" ? kernels.int32! : kernels.float64;
  const arrays: TypedArray[] = [];
  for (let index = 0; index < inputs.length; index++) arrays.push(inputs[index].data);
  const lead = leading === 1 ? [countOfOneLevel(inputs, phases)] : leadingShape(inputs, phases, leading);
  const examples = shapeSize(lead);
  const data: TypedArray[] = [];
  for (let index = 0; index < outputs.length; index++) {
    data.push(allocate(outputDtype(outputs[index], dtype), outputs[index][0] === "element" ? examples * size : examples));
  }
  if (examples > 0) runKernel(kernelRun(kernel, size, arrays, phases, inputs, outputs, lead, leading, constants), data);
  const results: Tensor[] = [];
  for (let index = 0; index < outputs.length; index++) {
    const shape = outputs[index][0] === "element" ? [...lead, ...exampleOf!.shape.slice(exampleFrom)] : lead;
    results.push(resultTensor(data[index], shape, outputDtype(outputs[index], dtype)));
  }
  return results;
}

function integersFit({ inputs: inputIndices, constants: constantIndices }: NonNullable<ElementKernels["int32Integers"]>, inputs: readonly Tensor[], constants: unknown[]): boolean {
  for (const index of inputIndices) {
    const { data } = inputs[index];
    for (let at = 0; at < data.length; at++) if (!fitsInt32(data[at])) return false;
  }
  for (const index of constantIndices) {
    const constant = constants[index];
    if (typeof constant !== "boolean" && !fitsInt32(constant as number)) return false;
  }
  return true;
}

function outputDtype([, declared, int32Declared]: OutputSpec, dtype: DType): DType {
  if (dtype === "int32" && int32Declared !== undefined) return int32Declared;
  return declared === "data" ? dtype : declared;
}

/** The kernel's calls: one over the whole batch with one level, else one per row of the innermost level's examples. */
function kernelRun(
  kernel: Kernel,
  size: number,
  arrays: TypedArray[],
  phases: readonly InputPhase[],
  inputs: readonly Tensor[],
  outputs: readonly OutputSpec[],
  lead: readonly number[],
  leading: number,
  constants: unknown[],
): KernelRun {
  const outputExtents: number[] = [];
  for (let index = 0; index < outputs.length; index++) outputExtents.push(outputs[index][0] === "element" ? size : 1);
  if (leading === 1) {
    const steps: number[] = [];
    for (let index = 0; index < inputs.length; index++) {
      const repeated = phases[index] === "constant" || (inputs[index].shape[0] === 1 && lead[0] !== 1);
      steps.push(repeated ? 0 : phases[index] === "example" ? 1 : size);
    }
    return { kernel, size, inputs: arrays, steps, outputExtents, constants, rows: 1, count: lead[0], outerShape: [], outerStrides: [] };
  }
  const strides = inputs.map((input, index) =>
    broadcastStrides(input.shape.slice(0, phases[index] === "constant" ? 0 : leading), lead).map((stride) => (phases[index] === "example" ? stride : stride * size)),
  );
  const count = lead[leading - 1];
  const steps = strides.map((stride) => stride[leading - 1]);
  return { kernel, size, inputs: arrays, steps, outputExtents, constants, rows: count === 0 ? 0 : shapeSize(lead) / count, count, outerShape: lead.slice(0, leading - 1), outerStrides: strides };
}


/** The batch size of one level: each input's leading extent, or 1 where it is repeated for every example. */
function countOfOneLevel(inputs: readonly Tensor[], phases: readonly InputPhase[]): number {
  let count = 1;
  for (let index = 0; index < inputs.length; index++) {
    if (phases[index] === "constant") continue;
    const extent = inputs[index].shape[0];
    if (extent === count || extent === 1) continue;
    if (count !== 1) return leadingShape(inputs, phases, 1)[0];
    count = extent;
  }
  return count;
}

/** The leading batch axes the inputs broadcast to. */
function leadingShape(inputs: readonly Tensor[], phases: readonly InputPhase[], leading: number): number[] {
  return broadcastShapes("fuse", ...inputs.map((input, index) => input.shape.slice(0, phases[index] === "constant" ? 0 : leading)));
}

/** Whether `shape` from axis `from` on is `example` from axis `exampleFrom` on. */
function sameShapeFrom(shape: readonly number[], from: number, example: readonly number[], exampleFrom: number): boolean {
  if (shape.length - from !== example.length - exampleFrom) return false;
  for (let axis = 0; axis < shape.length - from; axis++) if (shape[from + axis] !== example[exampleFrom + axis]) return false;
  return true;
}
