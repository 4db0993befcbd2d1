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
