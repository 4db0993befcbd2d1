import { type Expr, type Typed, numberType, tensorType } from "./ast";
import { asNumber, asNumberIfBoolean, asShape, call, conditional, isTensor, list, shapeOf } from "./coerce";
import type { Op, Operands } from "./ops";
import { literal } from "./scope";
import { sameShape } from "./shapes";

/*
 * Gathers and scatters at indices that may be batched: a closed-over JS array
 * read at any number (past the end and fractions read NaN, as JS reads
 * undefined), `np.take`, `np.index`, `np.at`, the dynamic slice
 * `np.slice(t, i, i + n)` and `np.set`. The np ops get indices in range, so
 * both sides of a batched `?:` or `if` can run them (README: out of range
 * there fails the whole batch, a documented difference).
 */

function named(name: string): Expr {
  return { kind: "name", name };
}

function number(op: string, left: Typed, right: Typed): Typed {
  return { expr: { kind: "binary", op, left: left.expr, right: right.expr }, type: numberType, batched: left.batched || right.batched };
}

/**
 * An integer in [0, extent) from any value: `np.argmax(t) % extent` of a Tensor,
 * or `Number.isFinite(n) ? Math.abs(Math.round(n)) % extent : 0` of a number;
 * with `fromEnd`, shifted to [-extent, 0), which counts from the end.
 */
export function indexFrom(source: Typed, extent: number, fromEnd: boolean): Typed {
  const wrapped = isTensor(source)
    ? number("%", call("np.argmax", [source], numberType), literal(extent))
    : (() => {
        const n = asNumber(source);
        const magnitude = call("Math.abs", [call("Math.round", [n], numberType)], numberType);
        return conditional(call("Number.isFinite", [n], { kind: "boolean" }), number("%", magnitude, literal(extent)), literal(0));
      })();
  return fromEnd ? number("-", wrapped, literal(extent)) : wrapped;
}

/**
 * A closed-over JS array read at any number: in range, floored, shifted past
 * either end, or a fraction. JS reads `undefined` out of range, which
 * arithmetic makes NaN; such a read is mostly written `A[k] * 1`, since where
 * `undefined` itself meets an np op or is returned, compiled code differs
 * (a known finding, fixtures/fuzz-found/).
 */
export function arrayGather(x: Operands): Typed | undefined {
  const arrays = x.scope.arrays;
  if (arrays.length === 0) return undefined;
  const array = x.from(1, arrays);
  const n = asNumber(asNumberIfBoolean(x.arg(0)));
  const mayMiss = [
    () => call("Math.floor", [n], numberType),
    () => number("+", call("Math.round", [n], numberType), literal(x.choice(2, 3) + array.length - 2)),
    () => n,
  ];
  const form = x.choice(3, 8);
  const index = form < 4 ? indexFrom(n, array.length, false) : mayMiss[form % 3]();
  const read: Typed = { expr: { kind: "element", object: named(array.name), index: index.expr }, type: numberType, batched: index.batched };
  return form < 4 || form === 7 ? read : number("*", read, literal(1));
}

function atLeastVector(x: Operands): Typed {
  const t = asNumberIfBoolean(x.arg(0));
  return isTensor(t) && shapeOf(t).length > 0 ? t : asShape(t, [3]);
}

export const gather: Op = (x) => {
  const t = atLeastVector(x);
  const shape = shapeOf(t);
  const rank = shape.length;
  const source = () => asNumberIfBoolean(x.arg(1));
  const fromEnd = x.choice(4, 4) === 3;
  switch (x.choice(0, 6)) {
    case 0:
      return arrayGather(x) ?? call("np.index", [t, indexFrom(source(), shape[0], fromEnd)], tensorType(shape.slice(1)));
    case 1: {
      const axis = x.choice(1, rank);
      const out = shape.filter((_, i) => i !== axis);
      return call("np.take", [t, indexFrom(source(), shape[axis], false), literal(axis)], tensorType(out));
    }
    case 2: {
      const axis = x.choice(1, rank);
      const indices = call("np.array", [list([indexFrom(source(), shape[axis], false), literal(x.choice(2, shape[axis]))])], tensorType([2]));
      return call("np.take", [t, indices, literal(axis)], tensorType(shape.map((extent, i) => (i === axis ? 2 : extent))));
    }
    case 3:
      return call("np.index", [t, indexFrom(source(), shape[0], fromEnd)], tensorType(shape.slice(1)));
    case 4: {
      const first = indexFrom(source(), shape[0], fromEnd);
      const rest = shape.slice(1).map((extent, i) => literal(x.choice(5 + i, extent)));
      return call("np.at", [t, first, ...rest], numberType);
    }
    default:
      return dynamicSlice(x, t, source());
  }
};

/**
 * An integer in [0, extent) with no `?:` in it, as a window's start is
 * written twice (`np.slice(t, k, k + n)`): `np.argmax(t) % extent`, or for a
 * number n `np.argmax(np.sin(np.mul(np.arange(extent), n)))`.
 */
function startFrom(source: Typed, extent: number): Typed {
  if (isTensor(source)) return indexFrom(source, extent, false);
  const wave = call("np.sin", [call("np.mul", [call("np.arange", [literal(extent)], tensorType([extent])), asNumber(source)], tensorType([extent]))], tensorType([extent]));
  return call("np.argmax", [wave], numberType);
}

/** `np.slice(t, k, k + n, axis)`: a window of unbatched length n at a start that may be batched, in [0, extent - n]. */
function dynamicSlice(x: Operands, t: Typed, source: Typed): Typed {
  const shape = shapeOf(t);
  const axis = x.choice(1, shape.length);
  const length = 1 + x.choice(2, shape[axis]);
  const start = startFrom(source, shape[axis] - length + 1);
  const stop = number("+", start, literal(length));
  const out = shape.map((extent, i) => (i === axis ? length : extent));
  const args = axis === 0 && x.choice(3, 2) === 0 ? [t, start, stop] : [t, start, stop, literal(axis)];
  return call("np.slice", args, tensorType(out));
}

/** `np.set(t, k, v)`: JAX's `t.at[k].set(v)`, with `v` a number or a Tensor of the row's shape. */
export const scatter: Op = (x) => {
  const t = atLeastVector(x);
  const shape = shapeOf(t);
  const row = shape.slice(1);
  const index = indexFrom(asNumberIfBoolean(x.arg(1)), shape[0], x.choice(1, 3) === 2);
  const given = asNumberIfBoolean(x.arg(2));
  const value = isTensor(given) && row.length > 0 && (sameShape(shapeOf(given), row) || x.choice(2, 2) === 0) ? asShape(given, row) : asNumber(given);
  return call("np.set", [t, index, value], tensorType(shape));
};
