import { isTensorLike, resultLeaves } from "./result-leaves";

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
