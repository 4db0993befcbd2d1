import { broadcastShapes, broadcastStrides } from "../broadcast";
import { type DType, type TypedArray, allocate, floatOf } from "../dtype";
import { type Operand, isScalar } from "../operand";
import { forEachRow } from "../strided";
import { Tensor, shapeSize } from "../tensor";
import { type BinaryKernel, compileBinary, compileScalar } from "../kernels";
import { type OperandView, commonDtype, operandView } from "./weak-typing";

/**
 * How an op's result dtype follows from the dtype its operands meet in:
 * arithmetic keeps it (bool computes as int32), selection keeps it (bool too),
 * division gives a float, comparisons and logic give bool.
 */
type BinaryKind = "arithmetic" | "selection" | "division" | "comparison" | "logical";

interface BinarySpec {
  readonly kind: BinaryKind;
  /** The element expression in `x` and `y` (numbers; bools are 0 and 1). */
  readonly expression: string;
  /** The expression for an int32 result, where float arithmetic would not wrap like int32. */
  readonly int32Expression?: string;
}

/** The result of a binary op: a Tensor if either argument is one, else `S` (number or boolean). */
export type BinaryOp<S> = <A extends Operand, B extends Operand>(
  a: A,
  b: B,
) => A extends Tensor ? Tensor : B extends Tensor ? Tensor : S;

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

function binaryOp<S extends number | boolean>(name: string, spec: BinarySpec): BinaryOp<S> {
  const kernel = compileBinary(name, spec.expression);
  const int32Kernel = spec.int32Expression === undefined ? kernel : compileBinary(`${name}Int32`, spec.int32Expression);
  const scalar = compileScalar(name, spec.expression);
  const returnsBoolean = spec.kind === "comparison" || spec.kind === "logical";
  const apply = (a: Operand, b: Operand): Tensor | number | boolean => {
    if (isScalar(a) && isScalar(b)) {
      const value = scalar(Number(a), Number(b));
      return returnsBoolean ? value !== 0 : value;
    }
    const common = commonDtype(a, b);
    const dtype = resultDtype(spec.kind, common);
    const left = operandView(name, a, common);
    const right = operandView(name, b, common);
    const shape = broadcastShapes(name, left.shape, right.shape);
    const out = allocate(dtype, shapeSize(shape));
    runBinary(dtype === "int32" ? int32Kernel : kernel, out, shape, left, right);
    return new Tensor(out, shape, dtype);
  };
  return apply as BinaryOp<S>;
}

export const add = binaryOp<number>("add", { kind: "arithmetic", expression: "x + y" });
export const sub = binaryOp<number>("sub", { kind: "arithmetic", expression: "x - y" });
export const mul = binaryOp<number>("mul", { kind: "arithmetic", expression: "x * y", int32Expression: "Math.imul(x, y)" });
/** True division: int and bool operands give float64. */
export const div = binaryOp<number>("div", { kind: "division", expression: "x / y" });
/** Int32 operands give int32 (a negative exponent is a RangeError, as in numpy). */
export const pow = binaryOp<number>("pow", { kind: "arithmetic", expression: "powFloat(x, y)", int32Expression: "powInt(x, y)" });
/** numpy's `mod`: the result has the sign of the divisor. */
export const mod = binaryOp<number>("mod", { kind: "arithmetic", expression: "floorMod(x, y)" });
/** Elementwise maximum; NaN wins. */
export const maximum = binaryOp<number>("maximum", { kind: "selection", expression: "Math.max(x, y)" });
/** Elementwise minimum; NaN wins. */
export const minimum = binaryOp<number>("minimum", { kind: "selection", expression: "Math.min(x, y)" });

export const less = binaryOp<boolean>("less", { kind: "comparison", expression: "x < y ? 1 : 0" });
export const lessEqual = binaryOp<boolean>("lessEqual", { kind: "comparison", expression: "x <= y ? 1 : 0" });
export const greater = binaryOp<boolean>("greater", { kind: "comparison", expression: "x > y ? 1 : 0" });
export const greaterEqual = binaryOp<boolean>("greaterEqual", { kind: "comparison", expression: "x >= y ? 1 : 0" });
export const equal = binaryOp<boolean>("equal", { kind: "comparison", expression: "x === y ? 1 : 0" });
export const notEqual = binaryOp<boolean>("notEqual", { kind: "comparison", expression: "x !== y ? 1 : 0" });

/** Truthiness is numpy's: any nonzero element, NaN included, is true. */
export const logicalAnd = binaryOp<boolean>("logicalAnd", { kind: "logical", expression: "x !== 0 && y !== 0 ? 1 : 0" });
export const logicalOr = binaryOp<boolean>("logicalOr", { kind: "logical", expression: "x !== 0 || y !== 0 ? 1 : 0" });
