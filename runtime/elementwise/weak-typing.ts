import { type DType, type TypedArray, allocate, promote } from "../dtype";
import { type Operand, type Scalar, quoteValue } from "../operand";
import { VmapError } from "../errors";
import { Tensor, formatShape } from "../tensor";

/**
 * The dtype in which operands meet. Between tensors it is numpy's promotion.
 * A JS scalar is weakly typed, as in JAX: it adopts the tensor's dtype, unless
 * that dtype cannot hold it (a non-integer, or an integer beyond int32, against
 * an int32 or bool tensor gives float64); an integer against a bool tensor gives int32.
 */
export function commonDtype(a: Operand, b: Operand): DType {
  if (a instanceof Tensor && b instanceof Tensor) {
    if (isWeak(a) !== isWeak(b)) return isWeak(a) ? withNumbers(b.dtype, a) : withNumbers(a.dtype, b);
    return promote(a.dtype, b.dtype);
  }
  if (a instanceof Tensor) return withScalar(a.dtype, b as Scalar);
  if (b instanceof Tensor) return withScalar(b.dtype, a as Scalar);
  return promote(scalarDtype(a), scalarDtype(b));
}

/**
 * Batches of per-example JS numbers, as compiled code makes them: float64
 * Tensors that are weakly typed, as each of their numbers is on its own.
 */
const weakTensors = new WeakSet<Tensor>();

/** Weak batches handed to an op whose result is only returned (a fresh Tensor each: the mark is that op's alone). */
const returnedOnlyTensors = new WeakSet<Tensor>();

/**
 * Marks `x`, a batch of per-example numbers, as weakly typed; `returnedOnly`
 * says that the op it is handed to gives a value that is only returned, never
 * computed on (see `splitWeakNumbers`).
 */
export function weakNumbers(x: Tensor, returnedOnly = false): Tensor {
  const marked = returnedOnly ? new Tensor(x.data, x.shape, x.dtype) : x;
  weakTensors.add(marked);
  if (returnedOnly) returnedOnlyTensors.add(marked);
  return marked;
}

export function isWeak(x: Tensor): boolean {
  return weakTensors.has(x);
}

/** Whether `x` was marked by `weakNumbers(x, true)`. */
export function isReturnedOnly(x: Tensor): boolean {
  return returnedOnlyTensors.has(x);
}

/** The dtype a batch of numbers meets `dtype` in: each number's, where every example agrees. */
function withNumbers(dtype: DType, numbers: Tensor): DType {
  if (dtype === "float64" || dtype === "float32") return dtype;
  return numbers.data.every((value) => fitsInt32(value)) ? "int32" : "float64";
}

function scalarDtype(s: Scalar): DType {
  return typeof s === "boolean" ? "bool" : "float64";
}

function withScalar(dtype: DType, s: Scalar): DType {
  if (typeof s === "boolean" || dtype === "float64" || dtype === "float32") return dtype;
  return fitsInt32(s) ? "int32" : "float64";
}

/**
 * The weak batch among `a` and `b` whose numbers meet an int32 or bool tensor
 * in different dtypes (some are integers, some not), if there is one: each of
 * its examples computes in its own number's dtype, which one batch holds
 * only as a result (promoted to float64, as the reference's stacking does).
 */
export function splitWeakNumbers(a: Operand, b: Operand): Tensor | undefined {
  if (!(a instanceof Tensor && b instanceof Tensor) || isWeak(a) === isWeak(b)) return undefined;
  const [numbers, other] = isWeak(a) ? [a, b] : [b, a];
  if (other.dtype !== "int32" && other.dtype !== "bool") return undefined;
  const integers = numbers.data.filter((value) => fitsInt32(value)).length;
  return integers > 0 && integers < numbers.size ? numbers : undefined;
}

/**
 * Throws where `numbers`, a weak batch splitting its examples between int32
 * and float64 against the other operand of op `name`, gives a value that the
 * examples compute on: one batch holds both only promoted to float64, and an
 * int32 example computing on would wrap where float64 does not.
 */
export function refuseComputedOnSplit(name: string, numbers: Tensor, a: Operand, b: Operand): void {
  if (isReturnedOnly(numbers)) return;
  const other = a === numbers ? b : a;
  const dtype = other instanceof Tensor ? other.dtype : "int32";
  throw new VmapError(
    `vmap: np.${name}: a per-example number meets ${dtype === "int32" ? "an" : "a"} ${dtype} Tensor (batched shape ${formatShape(numbers.shape)}) as an integer in some ` +
      `examples and as a fraction in others, so those examples compute in int32 and the others in float64, and the ops that follow ` +
      `cannot hold both in one batch (the int32 ones wrap where float64 does not). Give them one dtype: make the Tensor float64 ` +
      `first (np.div(x, 1)), or the numbers integers (Math.round)`,
  );
}

export function fitsInt32(value: number): boolean {
  return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647;
}

/** A scalar rounded to what `dtype` stores, so it meets the tensor's elements as one of them would. */
export function castScalar(s: Scalar, dtype: DType): number {
  const value = Number(s);
  switch (dtype) {
    case "float64":
      return value;
    case "float32":
      return Math.fround(value);
    case "int32":
      return value | 0;
    case "bool":
      return value !== 0 ? 1 : 0;
  }
}

/** An operand's elements and shape; a scalar becomes one element of rank 0, cast to `dtype`. */
export interface OperandView {
  readonly data: TypedArray;
  readonly shape: readonly number[];
}

/** `argument` names `x` in an error: its position among the op's arguments, say. */
export function operandView(op: string, x: Operand, dtype: DType, argument: string): OperandView {
  // Each number of a weak batch meets the other operand as that number alone would, rounded to its dtype.
  if (x instanceof Tensor && isWeak(x) && dtype !== x.dtype) return { data: allocate(dtype, x.size).map((_, i) => castScalar(x.data[i], dtype)), shape: x.shape };
  if (x instanceof Tensor) return x;
  if (typeof x === "number" || typeof x === "boolean") return { data: Float64Array.of(castScalar(x, dtype)), shape: [] };
  throw new TypeError(`${op}: ${argument} must be a Tensor, number or boolean, got ${quoteValue(x)}`);
}
