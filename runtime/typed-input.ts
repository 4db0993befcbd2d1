import { type DType, type TypedArray } from "./dtype";

/**
 * A caller's typed array as a Tensor's own data. A Tensor is immutable and
 * the caller may write to its array afterwards, so the values are copied, in
 * one bulk copy (never element by element through JS). Only the elements the
 * view shows are copied, so a `subarray` or a view at a byte offset gives
 * just its own elements.
 *
 * The copy is made by the typed-array constructor, not by `slice`: `slice`
 * builds its result through `constructor[Symbol.species]`, which a subclass
 * (or a patched prototype) can redirect; the constructor reads the source's
 * elements directly and always makes a plain array of its own class.
 */
export function copyTypedArray(values: TypedArray, dtype: DType): TypedArray {
  switch (dtype) {
    case "float64":
      return new Float64Array(values);
    case "float32":
      return new Float32Array(values);
    case "int32":
      return new Int32Array(values);
    case "bool":
      return boolBytes(values);
  }
}

/**
 * A typed array's values as per-example JS numbers (float64), converted in
 * the same single pass that copies them; a Uint8Array is bool, so its
 * nonzero bytes are 1, as `true` is in JS arithmetic.
 */
export function numbersOf(values: TypedArray): Float64Array {
  if (!(values instanceof Uint8Array)) return new Float64Array(values);
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = values[i] !== 0 ? 1 : 0;
  return data;
}

/** bool data is 0 and 1: a byte copy, and only bytes above 1 written again. */
function boolBytes(values: TypedArray): Uint8Array {
  const data = new Uint8Array(values);
  for (let i = 0; i < data.length; i++) if (data[i] > 1) data[i] = 1;
  return data;
}
