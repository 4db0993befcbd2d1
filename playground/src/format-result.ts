import { isTensorLike, resultLeaves } from "./result-leaves";

/** Six significant digits (or `digits`): enough to compare by eye, short enough to read a row. */
export function formatNumber(value: number, digits = 6): string {
  return String(Number(value.toPrecision(digits)));
}

/** Nested brackets, at most `columns` items of each innermost row. */
function formatNested(value: unknown, columns = 8): string {
  if (Array.isArray(value)) {
    const shown = value.slice(0, columns).map((item) => formatNested(item, columns));
    return `[${[...shown, ...(value.length > columns ? ["…"] : [])].join(", ")}]`;
  }
  return typeof value === "number" ? formatNumber(value) : String(value);
}

/** Each leaf's shape and dtype, then its first `rows` rows along the batch axis. */
export function describeResult(result: unknown, rows = 5): string {
  return resultLeaves(result)
    .map(({ path, value }) => {
      if (!isTensorLike(value)) return `${path}: ${formatNested(value)}`;
      const heading = `${path}: shape (${value.shape.join(", ")}), ${value.dtype}`;
      const nested = value.toArray();
      if (!Array.isArray(nested)) return `${heading}\n${formatNested(nested)}`;
      const shown = nested.slice(0, rows).map((row) => formatNested(row));
      const more = nested.length > rows ? [`… ${nested.length - rows} more rows`] : [];
      return [heading, ...shown, ...more].join("\n");
    })
    .join("\n\n");
}

/** The largest absolute difference between two results of the same structure, or why they cannot be compared. */
export function resultDifference(result: unknown, reference: unknown): number | string {
  const ours = resultLeaves(result);
  const theirs = resultLeaves(reference);
  if (ours.length !== theirs.length) return "the results have different structures";
  let largest = 0;
  for (let leaf = 0; leaf < ours.length; leaf++) {
    const [a, b] = [ours[leaf].value, theirs[leaf].value];
    if (!isTensorLike(a) || !isTensorLike(b)) {
      largest = Math.max(largest, elementDifference(Number(a), Number(b)));
      continue;
    }
    if (a.shape.join() !== b.shape.join()) return `${ours[leaf].path}: shape (${a.shape}) against (${b.shape})`;
    for (let i = 0; i < a.data.length; i++) largest = Math.max(largest, elementDifference(a.data[i], b.data[i]));
  }
  return largest;
}

/** NaN against NaN agrees (and infinities of one sign); NaN against a number is infinitely far. */
function elementDifference(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  const difference = Math.abs(a - b);
  return Number.isNaN(difference) ? Infinity : difference;
}
