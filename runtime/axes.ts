import { quoteValue } from "./operand";
import { formatShape } from "./tensor";

/**
 * `axis` as an index in [0, rank), counting a negative axis from the end.
 * `rank` is the shape's rank unless the axis addresses a result of another rank
 * (expandDims and stack count against the output).
 */
export function normalizeAxis(op: string, axis: number, shape: readonly number[], rank = shape.length): number {
  if (!Number.isInteger(axis)) throw new TypeError(`${op}: axis must be an integer, got ${quoteValue(axis)}`);
  if (axis < -rank || axis >= rank) {
    const where = rank === shape.length ? `shape ${formatShape(shape)}` : `a result of rank ${rank} (input shape ${formatShape(shape)})`;
    throw new RangeError(`${op}: axis ${axis} is out of bounds for ${where}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Each axis normalised as by `normalizeAxis`, in the order given; a repeated axis is a RangeError. */
export function normalizeAxes(
  op: string,
  axes: number | readonly number[],
  shape: readonly number[],
  rank = shape.length,
): number[] {
  if (typeof axes !== "number" && !Array.isArray(axes)) {
    throw new TypeError(`${op}: axis must be an integer or an array of integers, got ${quoteValue(axes)}`);
  }
  const list: readonly number[] = typeof axes === "number" ? [axes] : axes;
  const seen = new Set<number>();
  return list.map((axis) => {
    const normalized = normalizeAxis(op, axis, shape, rank);
    if (seen.has(normalized)) {
      throw new RangeError(`${op}: repeated axis ${axis} in (${list.join(", ")}) for shape ${formatShape(shape)}`);
    }
    seen.add(normalized);
    return normalized;
  });
}

/** An index along an axis of `extent`, negative counting from the end; out of range is a RangeError. */
export function normalizeIndex(op: string, index: number, extent: number, axis: number, shape: readonly number[]): number {
  if (!Number.isInteger(index)) throw new TypeError(`${op}: index must be an integer, got ${quoteValue(index)}`);
  if (index < -extent || index >= extent) {
    throw new RangeError(`${op}: index ${index} is out of bounds for axis ${axis} with size ${extent} (shape ${formatShape(shape)})`);
  }
  return index < 0 ? index + extent : index;
}
