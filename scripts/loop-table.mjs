// The scalar form of every elementwise op and reduction of the runtime: the
// one description from which scripts/generate-loops.mjs writes their typed-array
// loops into runtime/generated/loops.ts. An expression is JS over the element
// numbers `x` and `y` (bools are 0 and 1), `Math.*`, and the helpers of
// runtime/scalar-math.ts named in `helpers`. `int32` is the form for an int32
// result where float arithmetic would not wrap like int32 does.

/** Functions of runtime/scalar-math.ts that an expression may call. */
export const helpers = ["floorMod", "powFloat", "powInt", "roundHalfEven", "sigmoid", "signOf"];

/** Ops of two operands: a broadcasting loop, an int32 loop where given, and a scalar function each. */
export const binary = [
  { name: "add", expression: "x + y" },
  { name: "sub", expression: "x - y" },
  { name: "mul", expression: "x * y", int32: "Math.imul(x, y)" },
  { name: "div", expression: "x / y" },
  { name: "pow", expression: "powFloat(x, y)", int32: "powInt(x, y)" },
  { name: "mod", expression: "floorMod(x, y)" },
  { name: "maximum", expression: "Math.max(x, y)" },
  { name: "minimum", expression: "Math.min(x, y)" },
  { name: "less", expression: "x < y ? 1 : 0" },
  { name: "lessEqual", expression: "x <= y ? 1 : 0" },
  { name: "greater", expression: "x > y ? 1 : 0" },
  { name: "greaterEqual", expression: "x >= y ? 1 : 0" },
  { name: "equal", expression: "x === y ? 1 : 0" },
  { name: "notEqual", expression: "x !== y ? 1 : 0" },
  { name: "logicalAnd", expression: "x !== 0 && y !== 0 ? 1 : 0" },
  { name: "logicalXor", expression: "(x !== 0) !== (y !== 0) ? 1 : 0" },
  { name: "logicalOr", expression: "x !== 0 || y !== 0 ? 1 : 0" },
  { name: "arctan2", expression: "Math.atan2(x, y)" },
  { name: "hypot", expression: "Math.hypot(x, y)" },
];

/** Ops of one operand, in `x`: a loop, an int32 loop where given, and a scalar function each. */
export const unary = [
  { name: "neg", expression: "-x" },
  { name: "abs", expression: "Math.abs(x)" },
  { name: "sign", expression: "signOf(x)" },
  { name: "square", expression: "x * x", int32: "Math.imul(x, x)" },
  { name: "floor", expression: "Math.floor(x)" },
  { name: "ceil", expression: "Math.ceil(x)" },
  { name: "round", expression: "roundHalfEven(x)" },
  { name: "sqrt", expression: "Math.sqrt(x)" },
  { name: "exp", expression: "Math.exp(x)" },
  { name: "log", expression: "Math.log(x)" },
  { name: "log1p", expression: "Math.log1p(x)" },
  { name: "expm1", expression: "Math.expm1(x)" },
  { name: "sin", expression: "Math.sin(x)" },
  { name: "cos", expression: "Math.cos(x)" },
  { name: "tan", expression: "Math.tan(x)" },
  { name: "tanh", expression: "Math.tanh(x)" },
  { name: "sinh", expression: "Math.sinh(x)" },
  { name: "cosh", expression: "Math.cosh(x)" },
  { name: "arcsin", expression: "Math.asin(x)" },
  { name: "arccos", expression: "Math.acos(x)" },
  { name: "arctan", expression: "Math.atan(x)" },
  { name: "arcsinh", expression: "Math.asinh(x)" },
  { name: "arccosh", expression: "Math.acosh(x)" },
  { name: "arctanh", expression: "Math.atanh(x)" },
  { name: "log2", expression: "Math.log2(x)" },
  { name: "log10", expression: "Math.log10(x)" },
  { name: "cbrt", expression: "Math.cbrt(x)" },
  { name: "trunc", expression: "Math.trunc(x)" },
  { name: "sigmoid", expression: "sigmoid(x)" },
  { name: "logicalNot", expression: "x === 0 ? 1 : 0" },
  { name: "isnan", expression: "Number.isNaN(x) ? 1 : 0" },
  { name: "isinf", expression: "x === Infinity || x === -Infinity ? 1 : 0" },
  { name: "isfinite", expression: "Number.isFinite(x) ? 1 : 0" },
];

/**
 * Reductions: the accumulator `x` combined with an element `y`, from `initial`.
 * Each gets a fold along a contiguous row and a step that folds a whole row
 * into a row of accumulators; a `fold` named here is written by hand instead
 * (the sum's adds a row in numpy's pairwise order, runtime/pairwise-sum.ts).
 */
export const folds = [
  { name: "sum", initial: "0", expression: "x + y", fold: "pairwiseSumFold" },
  { name: "prod", initial: "1", expression: "x * y" },
  { name: "prodInt32", initial: "1", expression: "Math.imul(x, y)" },
  { name: "max", initial: "-Infinity", expression: "Math.max(x, y)" },
  { name: "min", initial: "Infinity", expression: "Math.min(x, y)" },
];

/** Index reductions: `better` says when the candidate `y` beats the best so far `x` (a NaN always does). */
export const argFolds = [
  { name: "argmax", better: "y > x" },
  { name: "argmin", better: "y < x" },
];
