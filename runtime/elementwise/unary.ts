import { type DType, allocate, floatOf } from "../dtype";
import { type Operand, asTensor, isScalar } from "../operand";
import { Tensor } from "../tensor";
import { compileScalar, compileUnary } from "../kernels";

/**
 * Arithmetic keeps the dtype (bool computes as int32); float functions give
 * float64 for ints and bools; logical gives bool.
 */
type UnaryKind = "arithmetic" | "float" | "logical";

interface UnarySpec {
  readonly kind: UnaryKind;
  /** The element expression in `x`. */
  readonly expression: string;
  /** The expression for an int32 result, where float arithmetic would not wrap like int32. */
  readonly int32Expression?: string;
}

/** The result of a unary op: a Tensor for a Tensor, else `S` (number or boolean). */
export type UnaryOp<S> = <X extends Operand>(x: X) => X extends Tensor ? Tensor : S;

function resultDtype(kind: UnaryKind, dtype: DType): DType {
  switch (kind) {
    case "arithmetic":
      return dtype === "bool" ? "int32" : dtype;
    case "float":
      return floatOf(dtype);
    case "logical":
      return "bool";
  }
}

function unaryOp<S extends number | boolean>(name: string, spec: UnarySpec): UnaryOp<S> {
  const kernel = compileUnary(name, spec.expression);
  const int32Kernel = spec.int32Expression === undefined ? kernel : compileUnary(`${name}Int32`, spec.int32Expression);
  const scalar = compileScalar(name, spec.expression);
  const apply = (x: Operand): Tensor | number | boolean => {
    if (isScalar(x)) {
      const value = scalar(Number(x), 0);
      return spec.kind === "logical" ? value !== 0 : value;
    }
    const t = asTensor(name, x);
    const dtype = resultDtype(spec.kind, t.dtype);
    const out = allocate(dtype, t.size);
    (dtype === "int32" ? int32Kernel : kernel)(out, t.data, t.size);
    return new Tensor(out, t.shape, dtype);
  };
  return apply as UnaryOp<S>;
}

export const neg = unaryOp<number>("neg", { kind: "arithmetic", expression: "-x" });
export const abs = unaryOp<number>("abs", { kind: "arithmetic", expression: "Math.abs(x)" });
export const sign = unaryOp<number>("sign", { kind: "arithmetic", expression: "Math.sign(x)" });
export const square = unaryOp<number>("square", { kind: "arithmetic", expression: "x * x", int32Expression: "Math.imul(x, x)" });
export const floor = unaryOp<number>("floor", { kind: "arithmetic", expression: "Math.floor(x)" });
export const ceil = unaryOp<number>("ceil", { kind: "arithmetic", expression: "Math.ceil(x)" });
/** Rounds half to even, like numpy. */
export const round = unaryOp<number>("round", { kind: "arithmetic", expression: "roundHalfEven(x)" });

export const sqrt = unaryOp<number>("sqrt", { kind: "float", expression: "Math.sqrt(x)" });
export const exp = unaryOp<number>("exp", { kind: "float", expression: "Math.exp(x)" });
export const log = unaryOp<number>("log", { kind: "float", expression: "Math.log(x)" });
export const log1p = unaryOp<number>("log1p", { kind: "float", expression: "Math.log1p(x)" });
export const expm1 = unaryOp<number>("expm1", { kind: "float", expression: "Math.expm1(x)" });
export const sin = unaryOp<number>("sin", { kind: "float", expression: "Math.sin(x)" });
export const cos = unaryOp<number>("cos", { kind: "float", expression: "Math.cos(x)" });
export const tan = unaryOp<number>("tan", { kind: "float", expression: "Math.tan(x)" });
export const tanh = unaryOp<number>("tanh", { kind: "float", expression: "Math.tanh(x)" });
/** The logistic function 1 / (1 + e^-x). */
export const sigmoid = unaryOp<number>("sigmoid", { kind: "float", expression: "sigmoid(x)" });

/** True where the element is zero (NaN counts as true, so it gives false). */
export const logicalNot = unaryOp<boolean>("logicalNot", { kind: "logical", expression: "x === 0 ? 1 : 0" });
