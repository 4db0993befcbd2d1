import { broadcastShapes, broadcastStrides } from "../broadcast";
import { type TypedArray, allocate } from "../dtype";
import { type Operand, isScalar } from "../operand";
import { forEachRow } from "../strided";
import { Tensor, shapeSize } from "../tensor";
import { broadcastTo } from "../shape";
import { maximum, minimum } from "./binary";
import { commonDtype, fitsInt32, operandView, refuseComputedOnSplit, splitWeakNumbers } from "./weak-typing";

type AnyTensor<T> = T extends Tensor ? true : never;

/** A Tensor if any argument is one; otherwise boolean when both branches are booleans, else number. */
export type WhereResult<C, A, B> = true extends AnyTensor<C> | AnyTensor<A> | AnyTensor<B>
  ? Tensor
  : A extends boolean
    ? B extends boolean
      ? boolean
      : number
    : number;

/** `out[o + i] = c[ic + i·sc] !== 0 ? a[...] : b[...]`, with a fast loop when every operand is contiguous. */
function selectLoop(
  out: TypedArray, o: number,
  c: TypedArray, ic: number, sc: number,
  a: TypedArray, ia: number, sa: number,
  b: TypedArray, ib: number, sb: number,
  n: number,
): void {
  if (sc === 1 && sa === 1 && sb === 1) {
    for (let i = 0; i < n; i++) out[o + i] = c[ic + i] !== 0 ? a[ia + i] : b[ib + i];
    return;
  }
  for (let i = 0; i < n; i++, ic += sc, ia += sa, ib += sb) out[o + i] = c[ic] !== 0 ? a[ia] : b[ib];
}

/**
 * Elementwise choice: `a` where `cond` is true (nonzero, NaN included), else
 * `b`, all three broadcast together. The result dtype is that of `a` and `b`.
 */
export function where<C extends Operand, A extends Operand, B extends Operand>(cond: C, a: A, b: B): WhereResult<C, A, B> {
  // A batch of numbers splitting its examples between int32 and float64 is held in float64, as the reference stacks them.
  const split = splitWeakNumbers(a, b);
  if (split === undefined) return chooseElements(cond, a, b) as WhereResult<C, A, B>;
  refuseComputedOnSplit("where", split, a, b);
  return choiceOfIntegerExamples(chooseElements(cond, a, b) as Tensor, split) as WhereResult<C, A, B>;
}

/**
 * The examples whose number is an integer choose in int32, as each does alone,
 * and an int32 holds no -0: their zeros are 0 in the float64 batch too.
 */
function choiceOfIntegerExamples(chosen: Tensor, numbers: Tensor): Tensor {
  const integer = broadcastTo(new Tensor(numbers.data.map((value) => (fitsInt32(value) ? 1 : 0)), numbers.shape, "float64"), chosen.shape).data;
  return new Tensor(chosen.data.map((value, i) => (integer[i] === 1 && value === 0 ? 0 : value)), chosen.shape, chosen.dtype);
}

/** `where` for the runtime's own choices per example (batched branches), which decide their dtypes themselves. */
export function chooseElements(cond: Operand, a: Operand, b: Operand): Tensor | number | boolean {
  if (isScalar(cond) && isScalar(a) && isScalar(b)) {
    const chosen = cond !== 0 && cond !== false ? a : b;
    return typeof a === "boolean" && typeof b === "boolean" ? chosen : Number(chosen);
  }
  const dtype = commonDtype(a, b);
  const c = operandView("where", cond, "bool", "cond");
  const left = operandView("where", a, dtype, "argument a");
  const right = operandView("where", b, dtype, "argument b");
  const shape = broadcastShapes("where", c.shape, left.shape, right.shape);
  const out = allocate(dtype, shapeSize(shape));
  const views = [c, left, right];
  forEachRow(shape, views.map((v) => broadcastStrides(v.shape, shape)), [0, 0, 0], (starts, outStart, length, inner) => {
    selectLoop(out, outStart, c.data, starts[0], inner[0], left.data, starts[1], inner[1], right.data, starts[2], inner[2], length);
  });
  return new Tensor(out, shape, dtype);
}

/** A Tensor if any argument is one, else a number. */
export type ClipResult<X, L, H> = true extends AnyTensor<X> | AnyTensor<L> | AnyTensor<H> ? Tensor : number;

/** `x` limited to [lo, hi] elementwise: `minimum(maximum(x, lo), hi)`, so `hi` wins when lo > hi. */
export function clip<X extends Operand, L extends Operand, H extends Operand>(x: X, lo: L, hi: H): ClipResult<X, L, H> {
  const shapeOf = (v: Operand): readonly number[] => (v instanceof Tensor ? v.shape : []);
  broadcastShapes("clip", shapeOf(x), shapeOf(lo), shapeOf(hi));
  return minimum(maximum(x, lo), hi) as ClipResult<X, L, H>;
}
