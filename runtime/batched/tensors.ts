import { type TypedArray, allocate, dtypeOfArray } from "../dtype";
import { VmapError } from "../errors";
import { asTensor } from "../operand";
import { Tensor, formatShape } from "../tensor";
import { copyTypedArray, numbersOf } from "../typed-input";

/** The shape of a mapped argument, checked to be a Tensor or a typed array (a batched 1-D input), without copying it. */
export function mappedShape(fnName: string, argument: string, value: unknown): readonly number[] {
  if (value instanceof Tensor) return value.shape;
  if (dtypeOfArray(value)) return [(value as Float64Array).length];
  throw new VmapError(
    `vmap of ${fnName}: argument ${argument} is mapped, so it must be a Tensor or a typed array, but got ${typeof value === "number" ? "a number" : describe(value)}; give it inAxes null to pass it whole`,
  );
}

/** A mapped argument as a Tensor: a plain typed array is copied, in one bulk copy, so results never alias it. */
export function mappedTensor(fnName: string, argument: string, value: unknown): Tensor {
  mappedShape(fnName, argument, value);
  if (value instanceof Tensor) return value;
  const data = value as TypedArray;
  const dtype = dtypeOfArray(data)!;
  return new Tensor(copyTypedArray(data, dtype), [data.length], dtype);
}

/** A mapped argument of per-example numbers as a float64 Tensor: a plain typed array is converted and copied in one pass. */
export function mappedNumbers(fnName: string, argument: string, value: unknown): Tensor {
  mappedShape(fnName, argument, value);
  if (value instanceof Tensor) return value;
  const data = value as TypedArray;
  return new Tensor(numbersOf(data), [data.length], "float64");
}

/**
 * A batch of per-example JS numbers, as the reference holds them: each the
 * value its op stored (an int32 sum wrapped, a float32 one rounded), in
 * float64, so that JS arithmetic on them is float64 arithmetic as in JS.
 */
export function asNumbers(x: Tensor): Tensor;
export function asNumbers(x: Tensor | undefined): Tensor | undefined;
export function asNumbers(x: Tensor | undefined): Tensor | undefined {
  // `undefined`: an op that threw where no example got (`reachedOnly`), which nothing reads.
  return x === undefined ? undefined : asFloat64(x);
}

/**
 * A batch of results that are JS numbers per example where they have no axes
 * of their own (`dot` of vectors, `trace` of a matrix, of a rank not known
 * when compiled): then float64, as `asNumbers` makes them; else as they are.
 */
export function asNumbersWhereScalar(x: Tensor | undefined, leading: number): Tensor | undefined {
  return x === undefined || x.ndim !== leading ? x : asFloat64(x);
}

export function asFloat64(x: Tensor): Tensor {
  if (x.dtype === "float64") return x;
  const data = allocate("float64", x.size);
  data.set(x.data);
  return new Tensor(data, x.shape, "float64");
}

/** A JS scalar or a Tensor as a Tensor (float64 for a number, bool for a boolean); anything else is a TypeError, as in every np op. */
export function toTensor(x: Tensor | number | boolean): Tensor {
  return asTensor("vmap", x);
}

/** `x` with unit axes inserted at `position` until it has `count` more axes. */
export function withUnitAxes(x: Tensor, position: number, count: number): Tensor {
  if (count <= 0) return x;
  const shape = [...x.shape.slice(0, position), ...new Array<number>(count).fill(1), ...x.shape.slice(position)];
  return new Tensor(x.data, shape, x.dtype);
}

export function describeExample(x: Tensor, leading: number): string {
  return `${formatShape(x.shape.slice(leading))} per example (batched shape ${formatShape(x.shape)})`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array (wrap it with np.array)";
  return typeof value === "object" ? `a ${(value as object).constructor?.name ?? "object"}` : `a ${typeof value}`;
}
