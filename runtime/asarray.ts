import { type ShapeLike, array, checkShape } from "./create";
import { type TypedArray, allocate, dtypeOfArray } from "./dtype";
import { reshape } from "./shape";
import { type NestedArray, Tensor, formatShape, shapeSize } from "./tensor";

/**
 * numpy's `asarray`: `values` as a Tensor without a copy where it can be one.
 * A Tensor is returned as it is (reshaped where `shape` is given); a typed
 * array becomes the Tensor's own data, not copied, so the caller must not
 * write to it afterwards (`np.array` copies it instead); a Uint8Array with
 * bytes above 1 is copied, since bool data holds 0 and 1. Anything else is
 * `np.array`'s.
 */
export function asarray(values: NestedArray | TypedArray | Tensor, shape?: ShapeLike): Tensor {
  if (values instanceof Tensor) return shape === undefined ? values : reshape(values, shape);
  const dtype = ArrayBuffer.isView(values) ? dtypeOfArray(values) : undefined;
  // A subclass may redirect the methods the runtime calls on its data (`subarray`, `set`): only a plain array is taken as it is.
  const plain = dtype !== undefined && Object.getPrototypeOf(values) === Object.getPrototypeOf(allocate(dtype, 0));
  if (!plain || (dtype === "bool" && (values as Uint8Array).some((byte) => byte > 1))) return array(values as NestedArray | TypedArray, shape);
  const data = values as TypedArray;
  const extents = shape === undefined ? [data.length] : checkShape("asarray", shape);
  if (shapeSize(extents) !== data.length) throw new RangeError(`asarray: ${data.length} values do not fit shape ${formatShape(extents)}`);
  return new Tensor(data, extents, dtype!);
}
