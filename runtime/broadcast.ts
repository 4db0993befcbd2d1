import { formatShape, stridesOf } from "./tensor";

/**
 * numpy broadcasting: shapes align at their trailing axes; along each axis the
 * extents must agree or one of them must be 1 (a missing axis counts as 1).
 * Undefined when they do not broadcast.
 */
export function tryBroadcastShapes(...shapes: (readonly number[])[]): number[] | undefined {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const result = new Array<number>(rank).fill(1);
  for (const shape of shapes) {
    const shift = rank - shape.length;
    for (let axis = 0; axis < shape.length; axis++) {
      const extent = shape[axis];
      const current = result[shift + axis];
      if (extent === current || extent === 1) continue;
      if (current !== 1) return undefined;
      result[shift + axis] = extent;
    }
  }
  return result;
}

/** The broadcast of `shapes`; a RangeError naming `op` and the shapes when they do not broadcast. */
export function broadcastShapes(op: string, ...shapes: (readonly number[])[]): number[] {
  const result = tryBroadcastShapes(...shapes);
  if (result === undefined) {
    throw new RangeError(`${op}: shapes ${shapes.map(formatShape).join(" and ")} do not broadcast`);
  }
  return result;
}

/**
 * Strides that read a contiguous tensor of `shape` as if it had `target`
 * (already known to be a broadcast of it): 0 along every axis it is repeated on.
 */
export function broadcastStrides(shape: readonly number[], target: readonly number[]): number[] {
  const own = stridesOf(shape);
  const shift = target.length - shape.length;
  return target.map((extent, axis) => {
    const sourceAxis = axis - shift;
    if (sourceAxis < 0 || shape[sourceAxis] !== extent) return 0;
    return own[sourceAxis];
  });
}
