// How a result is checked against the reference (vmap.reference). The error
// of each element is relative to the larger of its reference value and a
// floor of 1e-3 × the largest reference magnitude, so that values that
// cancel to near zero (a relu output, a far-out-of-the-money option) are
// judged on the scale of the data rather than on their own.

/**
 * The tolerance on that error. float64 results must agree to ~1e-12 (DESIGN §4).
 * float32 ones get 1e-3: float32's epsilon is 1.2e-7, and a 256-term dot
 * product or a price that cancels (S·N(d1) − K·e^(−rT)·N(d2)) loses up to a
 * few hundred times that, legitimately.
 */
export const tolerance = { float64: 1e-12, float32: 1e-3 };

/** The largest scaled error of `actual` against `expected`; Infinity when sizes or NaN positions differ. */
export function maxError(actual, expected) {
  if (actual.length !== expected.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const floor = Math.max(scale * 1e-3, Number.MIN_VALUE);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
      continue;
    }
    if (a === e) continue;
    worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), floor));
  }
  return worst;
}

/**
 * The check column: the error, and whether it is within the tolerance of the
 * implementation's dtype. A float64 result that misses the float64 tolerance
 * but meets float32's is reported as such, since that is what a user gets.
 */
export function verdict(error, dtype) {
  const shown = error === 0 ? "exact" : error === Infinity ? "size/NaN mismatch" : `err ${error.toExponential(1)}`;
  if (error <= tolerance[dtype]) return { ok: true, text: `ok, ${shown}` };
  if (dtype === "float64" && error <= tolerance.float32) return { ok: false, text: `float64 dtype but float32-level accuracy, ${shown}` };
  return { ok: false, text: `WRONG, ${shown}` };
}
