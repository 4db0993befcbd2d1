import { broadcastShapes, broadcastStrides } from "../broadcast";
import { type DType, type TypedArray, allocate, floatOf } from "../dtype";
import { type Operand, isScalar } from "../operand";
import { forEachRow } from "../strided";
import { Tensor, shapeSize } from "../tensor";
import type { BinaryKernel } from "../kernels";
import { binaryLoops } from "../generated/loops";
import { broadcastTo } from "../shape";
import { type OperandView, commonDtype, fitsInt32, operandView, refuseComputedOnSplit, splitWeakNumbers, weakNumbers } from "./weak-typing";

/**
 * How an op's result dtype follows from the dtype its operands meet in:
 * arithmetic keeps it (bool computes as int32), selection keeps it (bool too),
 * division gives a float, comparisons and logic give bool.
 */
type BinaryKind = "arithmetic" | "selection" | "division" | "comparison" | "logical";

/** The result of a binary op: a Tensor if either argument is one, else `S` (number or boolean). */
export type BinaryOp<S> = <A extends Operand, B extends Operand>(
  a: A,
  b: B,
) => A extends Tensor ? Tensor : B extends Tensor ? Tensor : S;

/** An op that keeps bool as numpy does (`add` is or, `maximum` is or): a boolean of two booleans, else a number. */
export type BoolKeepingOp = <A extends Operand, B extends Operand>(
  a: A,
  b: B,
) => A extends Tensor ? Tensor : B extends Tensor ? Tensor : A extends boolean ? (B extends boolean ? boolean : number) : number;

/**
 * What an arithmetic op does where both operands are bool, as numpy: `add` is
 * logical or and `mul` logical and, each giving bool; `sub` is a TypeError
 * (numpy has no bool subtraction). Other arithmetic computes bools as int32.
 */
type OnBools = "or" | "and" | "refuse";

function resultDtype(kind: BinaryKind, common: DType): DType {
  switch (kind) {
    case "arithmetic":
      return common === "bool" ? "int32" : common;
    case "selection":
      return common;
    case "division":
      return floatOf(common);
    case "comparison":
    case "logical":
      return "bool";
  }
}

/** Applies `kernel` elementwise over the broadcast of `a` and `b` into `out` of `shape`. */
function runBinary(kernel: BinaryKernel, out: TypedArray, shape: readonly number[], a: OperandView, b: OperandView): void {
  const n = out.length;
  if (n === 0) return;
  const aStride = a.data.length === n ? 1 : a.data.length === 1 ? 0 : -1;
  const bStride = b.data.length === n ? 1 : b.data.length === 1 ? 0 : -1;
  if (aStride >= 0 && bStride >= 0) {
    kernel(out, 0, a.data, 0, aStride, b.data, 0, bStride, n);
    return;
  }
  const strides = [broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape)];
  forEachRow(shape, strides, [0, 0], (starts, outStart, length, inner) => {
    kernel(out, outStart, a.data, starts[0], inner[0], b.data, starts[1], inner[1], length);
  });
}

/** The op `name` of the loop table (scripts/loop-table.mjs), with the result dtypes of `kind`. */
function binaryOp<S extends number | boolean>(name: keyof typeof binaryLoops, kind: BinaryKind, onBools?: OnBools): BinaryOp<S> {
  const { loop, int32Loop, scalar } = binaryLoops[name];
  const returnsBoolean = kind === "comparison" || kind === "logical";
  const boolLoops = onBools === "or" ? binaryLoops.logicalOr : onBools === "and" ? binaryLoops.logicalAnd : undefined;
  const apply = (a: Operand, b: Operand): Tensor | number | boolean => {
    if (isScalar(a) && isScalar(b)) {
      if (typeof a === "boolean" && typeof b === "boolean") {
        if (onBools === "refuse") refuseBools(name, "two booleans");
        // numpy keeps bool: the larger of two bools, or their sum, is a bool.
        if (boolLoops !== undefined || kind === "selection") return (boolLoops ?? binaryLoops[name]).scalar(Number(a), Number(b)) !== 0;
      }
      const value = scalar(Number(a), Number(b));
      return returnsBoolean ? value !== 0 : value;
    }
    const split = kind === "arithmetic" || kind === "selection" ? splitWeakNumbers(a, b) : undefined;
    if (split !== undefined) refuseComputedOnSplit(name, split, a, b);
    // Each example computes in its own number's dtype, a choice too: an int32 one holds no -0.
    if (split !== undefined) return byExampleDtype(split, a, b);
    return compute(a, b, commonDtype(a, b));
  };
  const compute = (a: Operand, b: Operand, common: DType): Tensor => {
    if (common === "bool" && onBools === "refuse") refuseBools(name, "bool Tensors");
    if (common === "bool" && boolLoops !== undefined) return computeIn(boolLoops.loop, a, b, common, "bool");
    return computeIn(loop, a, b, common, resultDtype(kind, common));
  };
  const computeIn = (boolOrFloatLoop: BinaryKernel, a: Operand, b: Operand, common: DType, dtype: DType): Tensor => {
    const left = operandView(name, a, common, "argument a");
    const right = operandView(name, b, common, "argument b");
    const shape = broadcastShapes(name, left.shape, right.shape);
    const out = allocate(dtype, shapeSize(shape));
    runBinary(dtype === "int32" ? int32Loop : boolOrFloatLoop, out, shape, left, right);
    return new Tensor(out, shape, dtype);
  };
  // Examples whose number is an integer compute with the int32 tensor in int32 (wrapping, mod by 0 is 0, negative powers throw),
  // the others in float64, as each does alone; the batch holds both as float64 (a value only returned). Other examples'
  // numbers read as 1 in int32, which no op throws on.
  const byExampleDtype = (numbers: Tensor, a: Operand, b: Operand): Tensor => {
    const integer = numbers.data.map((value) => (fitsInt32(value) ? 1 : 0));
    const asIntegers = weakNumbers(new Tensor(numbers.data.map((value, i) => (integer[i] === 1 ? value : 1)), numbers.shape, "float64"));
    const inInt32 = a === numbers ? compute(asIntegers, b, "int32") : compute(a, asIntegers, "int32");
    const inFloat64 = compute(a, b, "float64");
    const takesInt32 = broadcastTo(new Tensor(integer, numbers.shape, numbers.dtype), inFloat64.shape).data;
    const out = inFloat64.data.map((value, i) => (takesInt32[i] === 1 ? inInt32.data[i] : value));
    return new Tensor(out, inFloat64.shape, "float64");
  };
  return apply as BinaryOp<S>;
}

function refuseBools(name: string, what: string): never {
  throw new TypeError(`${name}: numpy has no subtraction of ${what}; write np.logicalXor(a, b) for their difference as bools, or np.sub(np.where(a, 1, 0), np.where(b, 1, 0)) for numbers`);
}

/** Of two bools, logical or (numpy's). */
export const add = binaryOp<number>("add", "arithmetic", "or") as BoolKeepingOp;
/** numpy's bool Tensors do not subtract: a TypeError. */
export const sub = binaryOp<number>("sub", "arithmetic", "refuse");
/** Of two bools, logical and (numpy's). */
export const mul = binaryOp<number>("mul", "arithmetic", "and") as BoolKeepingOp;
/** True division: int and bool operands give float64. */
export const div = binaryOp<number>("div", "division");
/** Int32 operands give int32 (a negative exponent is a RangeError, as in numpy). */
export const pow = binaryOp<number>("pow", "arithmetic");
/** numpy's `mod`: the result has the sign of the divisor. */
export const mod = binaryOp<number>("mod", "arithmetic");
/** Elementwise maximum; NaN wins; of two bools, a bool. */
export const maximum = binaryOp<number>("maximum", "selection") as BoolKeepingOp;
/** Elementwise minimum; NaN wins; of two bools, a bool. */
export const minimum = binaryOp<number>("minimum", "selection") as BoolKeepingOp;

export const less = binaryOp<boolean>("less", "comparison");
export const lessEqual = binaryOp<boolean>("lessEqual", "comparison");
export const greater = binaryOp<boolean>("greater", "comparison");
export const greaterEqual = binaryOp<boolean>("greaterEqual", "comparison");
export const equal = binaryOp<boolean>("equal", "comparison");
export const notEqual = binaryOp<boolean>("notEqual", "comparison");

/** Truthiness is numpy's: any nonzero element, NaN included, is true. */
export const logicalAnd = binaryOp<boolean>("logicalAnd", "logical");
export const logicalOr = binaryOp<boolean>("logicalOr", "logical");
/** True where exactly one of the two is true. */
export const logicalXor = binaryOp<boolean>("logicalXor", "logical");
/** The angle of the point (x, y) from the x axis, in (-π, π]: `arctan2(y, x)`, as numpy and `Math.atan2` take them. */
export const arctan2 = binaryOp<number>("arctan2", "division");
/** The hypotenuse sqrt(a² + b²), without overflow or underflow in between. */
export const hypot = binaryOp<number>("hypot", "division");
