/** Shape arithmetic the generator uses to keep programs well-shaped. */

export const maxRank = 3;
export const maxSize = 48;

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, extent) => product * extent, 1);
}

/** numpy's broadcast of two shapes, or undefined when they do not broadcast. */
export function broadcast(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(Math.max(x, y));
  }
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((extent, i) => extent === b[i]);
}

/** `shape` with `extent` inserted at `axis` (already in [0, rank]). */
export function insertAxis(shape: readonly number[], axis: number, extent: number): number[] {
  return [...shape.slice(0, axis), extent, ...shape.slice(axis)];
}

export function removeAxes(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.filter((_, i) => !axes.includes(i));
}

/** An axis in [0, rank) written, by the `negative` choice, as its negative twin. */
export function writtenAxis(axis: number, rank: number, negative: boolean): number {
  return negative ? axis - rank : axis;
}

/** Two factors of `n` other than (1, n) and (n, 1) when there are some, else (1, n). */
export function factorPair(n: number): [number, number] {
  for (let f = 2; f < n; f++) if (n % f === 0) return [f, n / f];
  return [1, n];
}
