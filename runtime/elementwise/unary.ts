import { type DType, allocate, floatOf } from "../dtype";
import { type Operand, asTensor, isScalar } from "../operand";
import { Tensor } from "../tensor";
import { unaryLoops } from "../generated/loops";

/**
 * Arithmetic keeps the dtype (bool computes as int32); float functions give
 * float64 for ints and bools; logical gives bool.
 */
type UnaryKind = "arithmetic" | "float" | "logical";

/** The result of a unary op: a Tensor for a Tensor, else `S` (number or boolean). */
export type UnaryOp<S> = <X extends Operand>(x: X) => X extends Tensor ? Tensor : S;

/** An op that gives a bool its own value, as numpy (`abs`, `floor`): a boolean of a boolean, else a number. */
export type BoolKeepingUnaryOp = <X extends Operand>(x: X) => X extends Tensor ? Tensor : X extends boolean ? boolean : number;

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

/** The op `name` of the loop table (scripts/loop-table.mjs), with the result dtypes of `kind`. */
function unaryOp<S extends number | boolean>(name: keyof typeof unaryLoops, kind: UnaryKind, keepsBools = false): UnaryOp<S> {
  const { loop, int32Loop, scalar } = unaryLoops[name];
  const apply = (x: Operand): Tensor | number | boolean => {
    if (keepsBools && typeof x === "boolean") return x;
    if (keepsBools && x instanceof Tensor && x.dtype === "bool") return new Tensor(x.data.slice(), x.shape, "bool");
    if (isScalar(x)) {
      const value = scalar(Number(x));
      return kind === "logical" ? value !== 0 : value;
    }
    const t = asTensor(name, x);
    const dtype = resultDtype(kind, t.dtype);
    const out = allocate(dtype, t.size);
    (dtype === "int32" ? int32Loop : loop)(out, t.data, t.size);
    return new Tensor(out, t.shape, dtype);
  };
  return apply as UnaryOp<S>;
}

export const neg = unaryOp<number>("neg", "arithmetic");
export const abs = unaryOp<number>("abs", "arithmetic", true) as BoolKeepingUnaryOp;
export const sign = unaryOp<number>("sign", "arithmetic");
export const square = unaryOp<number>("square", "arithmetic");
export const floor = unaryOp<number>("floor", "arithmetic", true) as BoolKeepingUnaryOp;
export const ceil = unaryOp<number>("ceil", "arithmetic", true) as BoolKeepingUnaryOp;
/** Rounds half to even, like numpy. */
export const round = unaryOp<number>("round", "arithmetic");

export const sqrt = unaryOp<number>("sqrt", "float");
export const exp = unaryOp<number>("exp", "float");
export const log = unaryOp<number>("log", "float");
export const log1p = unaryOp<number>("log1p", "float");
export const expm1 = unaryOp<number>("expm1", "float");
export const sin = unaryOp<number>("sin", "float");
export const cos = unaryOp<number>("cos", "float");
export const tan = unaryOp<number>("tan", "float");
export const tanh = unaryOp<number>("tanh", "float");
/** The logistic function 1 / (1 + e^-x). */
export const sigmoid = unaryOp<number>("sigmoid", "float");
export const sinh = unaryOp<number>("sinh", "float");
export const cosh = unaryOp<number>("cosh", "float");
export const arcsin = unaryOp<number>("arcsin", "float");
export const arccos = unaryOp<number>("arccos", "float");
export const arctan = unaryOp<number>("arctan", "float");
export const arcsinh = unaryOp<number>("arcsinh", "float");
export const arccosh = unaryOp<number>("arccosh", "float");
export const arctanh = unaryOp<number>("arctanh", "float");
export const log2 = unaryOp<number>("log2", "float");
export const log10 = unaryOp<number>("log10", "float");
/** The real cube root: negative for a negative x. */
export const cbrt = unaryOp<number>("cbrt", "float");
/** Rounds toward zero; ints stay ints and bools bools, as in numpy. */
export const trunc = unaryOp<number>("trunc", "arithmetic", true) as BoolKeepingUnaryOp;

/** True where the element is zero (NaN counts as true, so it gives false). */
export const logicalNot = unaryOp<boolean>("logicalNot", "logical");
export const isnan = unaryOp<boolean>("isnan", "logical");
/** True for +Infinity and -Infinity. */
export const isinf = unaryOp<boolean>("isinf", "logical");
/** True where the element is neither infinite nor NaN. */
export const isfinite = unaryOp<boolean>("isfinite", "logical");
