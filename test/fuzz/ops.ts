import { type Expr, type Typed, booleanType, numberType, tensorType } from "./ast";
import {
  asBoolean, asNumber, asNumberIfBoolean, asShape, asTensor, binary, broadcastingWith, call, conditional, elementwiseType, isTensor, list, numbers,
  rankOf, shapeOf,
} from "./coerce";
import { arrayGather, gather, scatter } from "./gathers";
import type { ExprPlan } from "./plan";
import { type Scope, choice, chooseFrom, literal, read } from "./scope";
import { factorPair, insertAxis, maxRank, maxSize, removeAxes, sizeOf, writtenAxis } from "./shapes";

/*
 * The expression generator: one entry per operation of the language, each
 * building a well-typed, well-shaped expression from whatever its operands
 * turn out to be. Entry 0 (what every op shrinks to) reads a variable or a literal.
 */

export interface Operands {
  readonly scope: Scope;
  /** Operand `i`, generated from the plan (a variable when the plan has none). */
  arg(i: number): Typed;
  /** Choice `i` of this op, in [0, n). */
  choice(i: number, n: number): number;
  from<T>(i: number, options: readonly T[]): T;
}

export type Op = (x: Operands) => Typed;

const literals = [1, 0.5, 2, -1.5, 3, 0];

/** A variable in scope (three times as likely as a literal) or a literal: the leaves of every expression. */
function leaf(scope: Scope, pick: number): Typed {
  const readable = scope.variables;
  const index = pick % (3 * readable.length + literals.length);
  return index < 3 * readable.length ? read(readable[index % readable.length]) : literal(literals[index - 3 * readable.length]);
}

/** An unbatched index in [0, extent): a literal, or a loop counter that stays below `extent`. */
function indexBelow(x: Operands, i: number, extent: number): Typed {
  const counters = x.scope.variables.filter((v) => v.maxIndex !== undefined && v.maxIndex < extent && !v.batched);
  const options = [...counters.map(read), ...Array.from({ length: extent }, (_, k) => literal(k))];
  return options[x.choice(i, options.length)];
}

function withRankAtLeast(typed: Typed, rank: number): Typed {
  let t = asTensor(typed);
  while (rankOf(t) < rank) t = call("np.expandDims", [t, literal(0)], tensorType([1, ...shapeOf(t)]));
  return t;
}

const arithmetic: Op = (x) => binary(x.from(0, ["+", "-", "*", "/"]), asNumber(x.arg(0)), asNumber(x.arg(1)), numberType);

const mathUnary: Op = (x) =>
  call(`Math.${x.from(0, [
    "sin", "cos", "exp", "abs", "tanh", "sqrt", "log", "floor", "round", "trunc", "sign", "ceil", "log1p", "expm1", "tan",
    "cbrt", "log2", "log10", "sinh", "cosh", "asin", "atan", "asinh",
  ])}`, [asNumber(x.arg(0))], numberType);

const mathBinary: Op = (x) => call(`Math.${x.from(0, ["max", "min", "pow", "atan2", "hypot"])}`, [asNumber(x.arg(0)), asNumber(x.arg(1))], numberType);

/** numpy keeps bool: of two booleans these give a boolean (or, and, the larger, the smaller). */
const boolKeepingBinary = new Set(["add", "mul", "maximum", "minimum"]);
const boolKeepingUnary = new Set(["abs", "floor", "ceil", "trunc"]);

const npBinary: Op = (x) => {
  const op = x.from(0, ["add", "sub", "mul", "div", "maximum", "minimum", "pow", "mod", "arctan2", "hypot"]);
  const [a, b] = [x.arg(0), x.arg(1)];
  if (boolKeepingBinary.has(op) && a.type.kind === "boolean" && b.type.kind === "boolean") return call(`np.${op}`, [a, b], booleanType);
  const first = asNumberIfBoolean(a);
  const second = broadcastingWith(b, shapeOf(first));
  return call(`np.${op}`, [first, second], elementwiseType([first, second], numberType));
};

const npUnary: Op = (x) => {
  const op = x.from(0, [
    "neg", "abs", "square", "exp", "sin", "cos", "tanh", "sqrt", "log", "log1p", "expm1", "sign", "floor", "ceil", "round", "sigmoid", "tan",
    "sinh", "cosh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "log2", "log10", "cbrt", "trunc",
  ]);
  if (boolKeepingUnary.has(op) && x.arg(0).type.kind === "boolean") return call(`np.${op}`, [x.arg(0)], booleanType);
  const operand = asNumberIfBoolean(x.arg(0));
  return call(`np.${op}`, [operand], elementwiseType([operand], numberType));
};

const fullReduction: Op = (x) => {
  const t = asTensor(x.arg(0));
  const op = x.from(0, ["sum", "mean", "max", "min", "prod", "argmax", "argmin", "logsumexp", "var", "std", "median", "any", "all"]);
  return call(`np.${op}`, [t], op === "any" || op === "all" ? booleanType : numberType);
};

/** A reduction over one axis or two, with or without keepdims; without axis it keeps every axis as 1. */
const axisReduction: Op = (x) => {
  const t = withRankAtLeast(x.arg(0), 1);
  const shape = shapeOf(t);
  const rank = shape.length;
  const op = x.from(0, ["sum", "mean", "max", "min", "prod", "argmax", "argmin", "logsumexp", "var", "std", "median", "any", "all"]);
  const keepdims = x.choice(1, 2) === 1;
  // `var` and `std` take numpy's ddof after keepdims: sometimes 1 (the sample variance).
  const ddof: Expr[] = (op === "var" || op === "std") && x.choice(5, 2) === 1 ? [literal(1).expr] : [];
  const negative = x.choice(2, 2) === 1;
  const form = x.choice(3, 3);
  const keepArg: Expr[] = keepdims ? [{ kind: "name", name: "true" }] : ddof.length > 0 ? [{ kind: "name", name: "false" }] : [];
  if (form === 2 && keepdims && !op.startsWith("arg")) return call(`np.${op}`, [t, { kind: "null" }, ...keepArg, ...ddof], tensorType(shape.map(() => 1)));
  const first = x.choice(4, rank);
  const axes = form === 1 && rank >= 2 && !op.startsWith("arg") ? [first, (first + 1) % rank].sort() : [first];
  const written = axes.map((axis) => writtenAxis(axis, rank, negative));
  const axisExpr = axes.length === 1 ? literal(written[0]).expr : numbers(written);
  const out = keepdims ? shape.map((extent, i) => (axes.includes(i) ? 1 : extent)) : removeAxes(shape, axes);
  return call(`np.${op}`, [t, axisExpr, ...keepArg, ...ddof], tensorType(out));
};

/** `.shape[k]`, `.ndim` or `.size` of a computed Tensor. */
const metadata: Op = (x) => {
  const t = asTensor(x.arg(0));
  const rank = rankOf(t);
  const form = x.choice(0, 3);
  if (form === 0 && rank > 0) {
    const shape = { kind: "member", object: t.expr, property: "shape" } as const;
    return { expr: { kind: "element", object: shape, index: literal(x.choice(1, rank)).expr }, type: numberType, batched: false };
  }
  return { expr: { kind: "member", object: t.expr, property: form === 2 ? "size" : "ndim" }, type: numberType, batched: false };
};

/** numpy's dot on compatible shapes; its `Tensor | number` type asserted to what it is. */
const dot: Op = (x) => {
  const a = withRankAtLeast(x.arg(0), 1);
  const k = shapeOf(a)[rankOf(a) - 1];
  const form = x.choice(0, 2);
  const bShape = form === 0 || rankOf(a) >= 3 ? [k] : [k, x.choice(1, 3) + 1];
  const b = asShape(x.arg(1), bShape);
  const outShape = [...shapeOf(a).slice(0, -1), ...bShape.slice(1)];
  const product = call("np.dot", [a, b], outShape.length === 0 ? numberType : tensorType(outShape));
  return { ...product, expr: { kind: "as", expr: product.expr, type: outShape.length === 0 ? "number" : "Tensor" } };
};

const matmul: Op = (x) => {
  const a = withRankAtLeast(x.arg(0), 2);
  const k = shapeOf(a)[rankOf(a) - 1];
  const vector = x.choice(0, 2) === 0;
  const bShape = vector ? [k] : [k, x.choice(1, 3) + 1];
  const b = asShape(x.arg(1), bShape);
  const outShape = [...shapeOf(a).slice(0, -1), ...bShape.slice(1)];
  return call("np.matmul", [a, b], tensorType(outShape));
};

const outer: Op = (x) => {
  const a = asTensor(x.arg(0));
  const b = asTensor(x.arg(1));
  const shape = [sizeOf(shapeOf(a)), sizeOf(shapeOf(b))];
  if (sizeOf(shape) > maxSize) return a;
  return call("np.outer", [a, b], tensorType(shape));
};

const shapeOp: Op = (x) => {
  const t = asTensor(x.arg(0));
  const shape = shapeOf(t);
  const rank = shape.length;
  const negative = x.choice(1, 2) === 1;
  switch (x.choice(0, 7)) {
    case 0: {
      const [p, q] = factorPair(sizeOf(shape));
      const target = x.choice(2, 2) === 0 || rank === 0 ? [sizeOf(shape)] : [p, q];
      return call("np.reshape", [t, numbers(target)], tensorType(target));
    }
    case 1: {
      if (rank < 2 || x.choice(2, 2) === 0) return call("np.transpose", [t], tensorType([...shape].reverse()));
      const perm = [...shape.keys()].map((i) => (i + 1) % rank);
      return call("np.transpose", [t, numbers(perm)], tensorType(perm.map((i) => shape[i])));
    }
    case 2: {
      if (rank >= maxRank) return t;
      const axis = x.choice(2, rank + 1);
      return call("np.expandDims", [t, literal(writtenAxis(axis, rank + 1, negative))], tensorType(insertAxis(shape, axis, 1)));
    }
    case 3: {
      if (!shape.includes(1)) return t;
      return call("np.squeeze", [t], tensorType(shape.filter((extent) => extent !== 1)));
    }
    case 4: {
      const extent = x.choice(2, 3) + 1;
      if (rank >= maxRank || sizeOf(shape) * extent > maxSize) return t;
      const target = [extent, ...shape];
      return call("np.broadcastTo", [t, numbers(target)], tensorType(target));
    }
    case 5: {
      if (rank === 0) return t;
      const other = asShape(x.arg(1), shape);
      const axis = x.choice(2, rank);
      const out = shape.map((extent, i) => (i === axis ? extent * 2 : extent));
      return call("np.concatenate", [list([t, other]), literal(writtenAxis(axis, rank, negative))], tensorType(out));
    }
    default: {
      if (rank >= maxRank) return t;
      const other = asShape(x.arg(1), shape);
      const axis = x.choice(2, rank + 1);
      return call("np.stack", [list([t, other]), literal(writtenAxis(axis, rank + 1, negative))], tensorType(insertAxis(shape, axis, 2)));
    }
  }
};

/** `np.index`, `np.at`, `np.slice`, `np.take` at unbatched in-range positions. */
const indexing: Op = (x) => {
  const t = withRankAtLeast(x.arg(0), 1);
  const shape = shapeOf(t);
  const rank = shape.length;
  switch (x.choice(0, 4)) {
    case 0:
      return call("np.index", [t, indexBelow(x, 1, shape[0])], tensorType(shape.slice(1)));
    case 1:
      return call("np.at", [t, ...shape.map((extent, i) => indexBelow(x, i + 1, extent))], numberType);
    case 2: {
      const axis = x.choice(1, rank);
      const start = x.choice(2, shape[axis]);
      const stop = start + 1 + x.choice(3, shape[axis] - start);
      const out = shape.map((extent, i) => (i === axis ? stop - start : extent));
      return call("np.slice", [t, literal(start), literal(stop), literal(axis)], tensorType(out));
    }
    default: {
      const axis = x.choice(1, rank);
      const indices = [x.choice(2, shape[axis]), x.choice(3, shape[axis])];
      const out = shape.map((extent, i) => (i === axis ? 2 : extent));
      return call("np.take", [t, numbers(indices), literal(axis)], tensorType(out));
    }
  }
};

function widen(typed: Typed): Typed {
  return { ...typed, expr: { kind: "as", expr: typed.expr, type: "number" } };
}

/** A condition per element: a comparison, as a JS boolean between numbers or a bool Tensor. */
const comparison: Op = (x) => {
  const left = asNumberIfBoolean(x.arg(0));
  const right = broadcastingWith(x.arg(1), shapeOf(left));
  if (!isTensor(left) && !isTensor(right) && x.choice(0, 2) === 0) {
    const op = x.from(1, ["<", ">", "<=", ">=", "===", "!=="]);
    // TypeScript rejects `===` between literal types that cannot overlap (`1 === 0`), so one side is widened.
    const widened = op.length === 3 ? widen(asNumber(left)) : asNumber(left);
    return binary(op, widened, asNumber(right), booleanType);
  }
  const op = x.from(1, ["less", "greater", "lessEqual", "greaterEqual", "equal", "notEqual", "isnan", "isinf", "isfinite"]);
  // numpy's float tests take one operand.
  if (op.startsWith("is")) return call(`np.${op}`, [left], elementwiseType([left], booleanType));
  return call(`np.${op}`, [left, right], elementwiseType([left, right], booleanType));
};

const logical: Op = (x) => {
  const a = x.arg(0);
  if (a.type.kind === "boolean" && x.choice(0, 3) < 2) {
    const b = asBoolean(x.arg(1));
    return x.choice(1, 3) === 2
      ? { expr: { kind: "unary", op: "!", operand: a.expr }, type: booleanType, batched: a.batched }
      : binary(x.from(1, ["&&", "||"]), a, b, booleanType);
  }
  const b = broadcastingWith(x.arg(1), shapeOf(a));
  if (x.choice(1, 3) === 2) return call("np.logicalNot", [a], elementwiseType([a], booleanType));
  return call(`np.${x.from(1, ["logicalAnd", "logicalOr", "logicalXor"])}`, [a, b], elementwiseType([a, b], booleanType));
};

const where: Op = (x) => {
  const c = x.arg(0);
  const a = broadcastingWith(x.arg(1), shapeOf(c));
  const selected = asNumberIfBoolean(a);
  const b = asNumberIfBoolean(broadcastingWith(x.arg(2), shapeOf({ ...c, type: elementwiseType([c, selected], numberType) })));
  const operands = [c, selected, b];
  return call("np.where", operands, elementwiseType(operands, numberType));
};

/** `?:` between two values of one type; the test is any value made a boolean. */
const ternary: Op = (x) => {
  const branch = asNumberIfBoolean(x.arg(1));
  return conditional(asBoolean(x.arg(0)), branch, asShape2(x.arg(2), branch));
};

function asShape2(typed: Typed, like: Typed): Typed {
  return like.type.kind === "tensor" ? asShape(typed, like.type.shape) : asNumber(typed);
}

/** Reads of a closed-over JS array: an element at an unbatched index or at any number (a gather), or its length. */
const arrayRead: Op = (x) => {
  const arrays = x.scope.arrays;
  if (arrays.length === 0) return asNumber(x.arg(0));
  const array = arrays[x.choice(0, arrays.length)];
  const name = { kind: "name", name: array.name } as const;
  if (x.choice(1, 3) === 2) return { expr: { kind: "member", object: name, property: "length" }, type: numberType, batched: false };
  if (x.choice(1, 3) === 1) return arrayGather(x)!;
  return { expr: { kind: "element", object: name, index: indexBelow(x, 2, array.length).expr }, type: numberType, batched: false };
};

const creation: Op = (x) => {
  const n = x.choice(1, 3) + 1;
  switch (x.choice(0, 5)) {
    case 0:
      return call("np.ones", [numbers([n])], tensorType([n]));
    case 1:
      return call("np.arange", [literal(n)], tensorType([n]));
    case 2:
      return call("np.linspace", [literal(-1), literal(1), literal(n)], tensorType([n]));
    case 3:
      return call("np.eye", [literal(n)], tensorType([n, n]));
    default:
      return call("np.array", [numbers(Array.from({ length: n }, (_, i) => i - 1.5))], tensorType([n]));
  }
};

/** `np.array` of per-example numbers with a shape (a stack, reshaped per example), or `np.asarray` of a Tensor, flattened or reshaped. */
const arrayOf: Op = (x) => {
  if (x.choice(0, 2) === 0) {
    const [a, b] = [asNumber(x.arg(0)), asNumber(x.arg(1))];
    return call("np.array", [list([a, b, b, a]), numbers(x.choice(1, 2) === 0 ? [2, 2] : [4, 1])], tensorType(x.choice(1, 2) === 0 ? [2, 2] : [4, 1]));
  }
  const t = asTensor(x.arg(0));
  const shape = shapeOf(t);
  const target = x.choice(1, 2) === 0 ? [shape.reduce((product, extent) => product * extent, 1)] : [...shape].reverse();
  return call("np.asarray", [t, numbers(target)], tensorType(target));
};

/** A type assertion that changes nothing (`x as number`, `t as Tensor`). */
const assertion: Op = (x) => {
  const a = x.arg(0);
  if (a.type.kind === "boolean") return a;
  return { ...a, expr: { kind: "as", expr: a.expr, type: a.type.kind === "number" ? "number" : "Tensor" } };
};

const clipOrSoftmax: Op = (x) => {
  const operand = asNumberIfBoolean(x.arg(0));
  if (x.choice(0, 2) === 0 || !isTensor(operand) || rankOf(operand) === 0) {
    return call("np.clip", [operand, literal(-0.5), literal(1)], elementwiseType([operand], numberType));
  }
  return call(`np.${x.from(2, ["softmax", "logSoftmax"])}`, [operand, literal(x.choice(1, rankOf(operand)))], operand.type);
};

const negateOrRemainder: Op = (x) => {
  const a = asNumber(x.arg(0));
  if (x.choice(0, 2) === 0) return { expr: { kind: "unary", op: "-", operand: a.expr }, type: numberType, batched: a.batched };
  return binary("%", a, asNumber(x.arg(1)), numberType);
};

const mathConstant: Op = (x) => ({ expr: { kind: "name", name: x.from(0, ["Math.PI", "Math.E", "Math.SQRT2"]) }, type: numberType, batched: false });

/** A running sum or product along an axis (the operand's shape), or over the flattened operand (a vector). */
const scan: Op = (x) => {
  const operand = x.arg(0);
  const shape = shapeOf(operand);
  const op = `np.${x.from(3, ["cumsum", "cumsum", "cumprod"])}`;
  if (shape.length === 0 || x.choice(0, 2) === 0) return call(op, [operand], tensorType([sizeOf(shape)]));
  const axis = writtenAxis(x.choice(1, shape.length), shape.length, x.choice(2, 2) === 1);
  return call(op, [operand, literal(axis)], tensorType(shape));
};

/** The `n`-th differences along an axis (the last when none is written), the axis shorter by `n`. */
const difference: Op = (x) => {
  const t = withRankAtLeast(x.arg(0), 1);
  const shape = shapeOf(t);
  const axis = x.choice(1, shape.length);
  // Never emptied: the other ops index and reduce their operands, so a generated Tensor has elements.
  const order = x.choice(0, Math.min(3, shape[axis]));
  const out = shape.map((extent, i) => (i === axis ? extent - order : extent));
  if (axis === shape.length - 1 && x.choice(2, 2) === 0) return call("np.diff", order === 1 ? [t] : [t, literal(order)], tensorType(out));
  return call("np.diff", [t, literal(order), literal(writtenAxis(axis, shape.length, x.choice(3, 2) === 1))], tensorType(out));
};

/** `np.linalg.norm`: of every element, or a vector norm of some ord along one axis, with or without keepdims. */
const norm: Op = (x) => {
  const t = withRankAtLeast(x.arg(0), 1);
  const shape = shapeOf(t);
  if (x.choice(0, 3) === 0) return call("np.linalg.norm", [t], numberType);
  const ords: readonly Expr[] = [
    { kind: "null" },
    literal(2).expr,
    literal(1).expr,
    { kind: "name", name: "Infinity" },
    { kind: "unary", op: "-", operand: { kind: "name", name: "Infinity" } },
    literal(3).expr,
    { kind: "unary", op: "-", operand: literal(1).expr },
  ];
  // A module constant of a literal type is an ord as written (`const K0 = 1.5`); 0 would count nonzeros, not measure.
  const constantOrd = x.scope.variables.find((variable) => variable.value !== undefined && variable.value !== 0);
  const ord = constantOrd !== undefined && x.choice(5, 2) === 1 ? { kind: "name" as const, name: constantOrd.name } : ords[x.choice(1, ords.length)];
  const axis = x.choice(2, shape.length);
  const keepdims = x.choice(3, 2) === 1;
  const out = keepdims ? shape.map((extent, i) => (i === axis ? 1 : extent)) : removeAxes(shape, [axis]);
  const args: (Typed | Expr)[] = [t, ord, literal(writtenAxis(axis, shape.length, x.choice(4, 2) === 1))];
  return call("np.linalg.norm", keepdims ? [...args, { kind: "name", name: "true" }] : args, tensorType(out));
};

/**
 * `np.einsum`: of one operand, some axes summed and the others reversed; or of two, where an axis of the second
 * takes the letter of an axis of the first of its extent (summed, or kept when chosen) and the rest are kept.
 */
const einsum: Op = (x) => {
  const a = withRankAtLeast(x.arg(0), 1);
  const shapeA = shapeOf(a);
  const lettersA = "abcdefgh".slice(0, shapeA.length);
  const subscripts = (value: string): Expr => ({ kind: "string", value });
  if (x.choice(0, 2) === 0) {
    const kept = [...lettersA].filter((_, axis) => x.choice(1 + (axis % 4), 2) === 1).reverse();
    return call("np.einsum", [subscripts(`${lettersA}->${kept.join("")}`), a], tensorType(kept.map((letter) => shapeA[lettersA.indexOf(letter)])));
  }
  const b = withRankAtLeast(x.arg(1), 1);
  const shapeB = shapeOf(b);
  const shared = new Set<string>();
  const lettersB = shapeB
    .map((extent, axis) => {
      const match = [...lettersA].find((letter, at) => shapeA[at] === extent && !shared.has(letter));
      if (match === undefined || x.choice(1, 3) === 0) return "pqrstuvw"[axis];
      shared.add(match);
      return match;
    })
    .join("");
  const keepShared = x.choice(2, 2) === 1;
  const output = [...new Set(lettersA + lettersB)].filter((letter) => keepShared || !shared.has(letter));
  const extentOf = (letter: string) => (lettersA.includes(letter) ? shapeA[lettersA.indexOf(letter)] : shapeB[lettersB.indexOf(letter)]);
  return call("np.einsum", [subscripts(`${lettersA},${lettersB}->${output.join("")}`), a, b], tensorType(output.map(extentOf)));
};

/** `np.sort` or `np.argsort` along an axis (the last, or every element with null), `np.flip`, `np.tril`, `np.triu`, `np.diagonal`, `np.trace`. */
const reorder: Op = (x) => {
  const t = withRankAtLeast(x.arg(0), 2);
  const shape = shapeOf(t);
  const axis = x.choice(1, shape.length);
  const written = literal(writtenAxis(axis, shape.length, x.choice(2, 2) === 1));
  switch (x.choice(0, 7)) {
    case 6: {
      // numpy's trace: a number of a matrix (its type says number or Tensor), else a Tensor of the other axes.
      const traced = call("np.trace", [t], shape.length === 2 ? numberType : tensorType(shape.slice(2)));
      return shape.length === 2 ? { ...traced, expr: { kind: "as", expr: traced.expr, type: "number" } } : { ...traced, expr: { kind: "as", expr: traced.expr, type: "Tensor" } };
    }
    case 5: {
      const offset = x.choice(4, 3) - 1;
      const length = Math.max(0, offset >= 0 ? Math.min(shape[0], shape[1] - offset) : Math.min(shape[0] + offset, shape[1]));
      if (length === 0) return call("np.diagonal", [t], tensorType([...shape.slice(2), Math.min(shape[0], shape[1])]));
      return call("np.diagonal", [t, literal(offset)], tensorType([...shape.slice(2), length]));
    }
    case 0:
      return x.choice(3, 2) === 0 ? call("np.sort", [t], tensorType(shape)) : call("np.sort", [t, { kind: "null" }], tensorType([sizeOf(shape)]));
    case 1:
      return call("np.argsort", [t, written], tensorType(shape));
    case 2:
      return x.choice(3, 2) === 0 ? call("np.flip", [t], tensorType(shape)) : call("np.flip", [t, written], tensorType(shape));
    default:
      return call(x.choice(3, 2) === 0 ? "np.tril" : "np.triu", [t, literal(x.choice(4, 3) - 1)], tensorType(shape));
  }
};

/** `np.cross` of an operand's rows of three against another's, or against one vector (broadcast). */
const cross: Op = (x) => {
  const a = withRankAtLeast(x.arg(0), 1);
  const rows = sizeOf(shapeOf(a)) >= 3 ? Math.floor(sizeOf(shapeOf(a)) / 3) : 1;
  const vectors = sizeOf(shapeOf(a)) === rows * 3 ? asShape(a, [rows, 3]) : asShape(a, [3]);
  const shape = shapeOf(vectors);
  const other = asShape(x.arg(1), x.choice(0, 2) === 0 ? shape : [3]);
  return call("np.cross", x.choice(1, 2) === 0 ? [vectors, other] : [other, vectors], tensorType(shape));
};

/**
 * `np.linalg.det`, `inv`, `solve` or `cholesky` of a square matrix made from an operand: as it is where it is square
 * (it may be singular, or not positive definite: infinities and NaNs), else its Gram matrix plus the identity;
 * solve's b a vector or a matrix of its rows.
 */
const linalg: Op = (x) => {
  const t = withRankAtLeast(x.arg(0), 2);
  const shape = shapeOf(t);
  const rows = shape[0];
  const flat = asShape(t, [rows, sizeOf(shape) / rows]);
  const square = sizeOf(shape) === rows * rows && x.choice(1, 2) === 0;
  const gram = call("np.matmul", [flat, call("np.transpose", [flat], tensorType([sizeOf(shape) / rows, rows]))], tensorType([rows, rows]));
  const m = square ? flat : call("np.add", [gram, call("np.eye", [literal(rows)], tensorType([rows, rows]))], tensorType([rows, rows]));
  switch (x.choice(0, 5)) {
    case 4:
      return call("np.linalg.cholesky", [m], tensorType([rows, rows]));
    case 0: {
      // One matrix's det is a number; its type says number or Tensor, the rank not being in the type.
      const det = call("np.linalg.det", [m], numberType);
      return { ...det, expr: { kind: "as", expr: det.expr, type: "number" } };
    }
    case 1:
      return call("np.linalg.inv", [m], tensorType([rows, rows]));
    case 2:
      return call("np.linalg.solve", [m, asShape(x.arg(1), [rows])], tensorType([rows]));
    default: {
      const columns = 1 + x.choice(2, 3);
      return call("np.linalg.solve", [m, asShape(x.arg(1), [rows, columns])], tensorType([rows, columns]));
    }
  }
};

/** A bool of any value: a JS boolean as it is, a number by `> 0`, a Tensor by `np.greater(t, 0)` (a bool Tensor). */
function asBools(typed: Typed): Typed {
  if (typed.type.kind === "tensor") return call("np.greater", [typed, literal(0)], typed.type);
  return asBoolean(typed);
}

/**
 * numpy's bool-keeping ops of bools (JS booleans or bool Tensors): `add` is or, `mul` and, `maximum` and
 * `minimum` choose, `abs` and the roundings give the bool; the results are compared, chosen by and counted,
 * which tells a bool held as a JS boolean from one held as the number 1.
 */
const boolArithmetic: Op = (x) => {
  const a = asBools(x.arg(0));
  const second = x.arg(1);
  const b = second.type.kind === "tensor" && broadcastingWith(second, shapeOf(a)) !== second ? asBoolean(second) : asBools(second);
  const kept = (type: Typed["type"]) => (type.kind === "tensor" ? type : booleanType);
  const form = x.choice(0, 5);
  if (form === 1) return call(`np.${x.from(1, ["abs", "floor", "ceil", "trunc"])}`, [a], kept(a.type));
  const combined = call(`np.${x.from(1, ["add", "mul", "maximum", "minimum"])}`, [a, b], kept(elementwiseType([a, b], booleanType)));
  if (form === 2) return call("np.equal", [combined, a], elementwiseType([combined, a], booleanType));
  if (form === 3) return call("np.where", [combined, literal(1.5), literal(-1)], elementwiseType([combined], numberType));
  if (form === 4) return call("np.sum", [asTensor(combined)], numberType);
  return combined;
};

/**
 * A sum or mean over a long example (beyond numpy's pairwise leaf of 128), fused with what computes its
 * elements from the operand: the kernel adds them in numpy's pairwise order, as the op does.
 */
const longReduction: Op = (x) => {
  const length = x.from(0, [129, 257, 1000]);
  const ramp = call("np.linspace", [literal(-3), literal(x.from(1, [2, 40])), literal(length)], tensorType([length]));
  const elements = call(`np.${x.from(2, ["sin", "square", "abs"])}`, [call("np.mul", [ramp, asNumber(x.arg(0))], tensorType([length]))], tensorType([length]));
  return call(`np.${x.from(3, ["sum", "mean"])}`, [elements], numberType);
};

/** numpy's zeros_like and ones_like of any value (its kind, shape and dtype), sometimes met by the value itself. */
const filledLike: Op = (x) => {
  const a = x.arg(0);
  const made = call(`np.${x.from(0, ["zerosLike", "onesLike"])}`, [a], a.type);
  if (a.type.kind === "boolean" || x.choice(1, 2) === 0) return made;
  return call("np.add", [made, a], elementwiseType([made, a], numberType));
};

const ops: readonly Op[] = [
  (x) => x.arg(0),
  arithmetic, npBinary, npUnary, mathUnary, fullReduction, axisReduction, metadata, dot, matmul, outer, shapeOp,
  indexing, comparison, logical, where, ternary, arrayRead, creation, assertion, clipOrSoftmax, negateOrRemainder,
  mathBinary, mathConstant, gather, scatter, scan, difference, norm, einsum, arrayOf, reorder, linalg, cross, boolArithmetic, longReduction, filledLike,
];

/** Builds the expression `plan` describes, from what `scope` holds. */
export function buildExpr(plan: ExprPlan, scope: Scope): Typed {
  if (plan.op === 0) return leaf(scope, plan.pick);
  const op = ops[plan.op % ops.length];
  return op({
    scope,
    arg: (i) => {
      const argument = plan.args[i];
      return argument === undefined ? leaf(scope, choice(plan.pick, i + 4, 1 << 20)) : buildExpr(argument, scope);
    },
    choice: (i, n) => choice(plan.pick, i, n),
    from: (i, options) => chooseFrom(plan.pick, i, options),
  });
}
