import type { Kind, SourceForm } from "./ir";
import { einsumLetters } from "../runtime/einsum-letters";

/**
 * Every primitive of the per-example language, described once: what kind and
 * rank of value it gives (its abstract evaluation, as JAX's `abstract_eval`),
 * how it is written for one example inside a fused kernel, and, for reductions
 * a kernel can fuse, how it accumulates. Lowering, batching, fusion and the
 * verifier all read this table; the batching rules are keyed by the same
 * `PrimName` (`batch/rules/index.ts`), so a primitive without a rule is a type
 * error of tsvmap, never a refusal blamed on the user.
 */

/** What lowering knows of a value for one example. */
export interface Abstract {
  readonly kind: Kind;
  /** Per-example rank where the code fixes it (0 for scalars); undefined when only run time knows. */
  readonly rank: number | undefined;
}

/**
 * What a primitive's abstract evaluation sees of each operand: its kind and
 * rank, and its value when written as a literal (an axis, a keepdims flag).
 */
export interface AbstractOperand extends Abstract {
  readonly literal?: number | boolean | string | null | undefined;
  /** For a list written as an array literal: its length. */
  readonly length?: number;
}

/**
 * How an elementwise primitive is written for one example: a JS operator, a
 * `Math` function, a scalar helper of `tsvmap/runtime`, `?:`, or `x * x`.
 */
export type ScalarForm =
  | { readonly operator: string; readonly prefix?: boolean }
  | { readonly math: string; readonly global?: "Number" }
  | { readonly helper: string }
  | { readonly where: true }
  | { readonly square: true };

/** How a kernel accumulates a full reduction over an example's elements. */
export interface FusedReduction {
  readonly identity: number;
  readonly combine: "+" | "*" | "max" | "min";
  /** Divide by the element count at the end (`mean`). */
  readonly mean?: boolean;
}

export interface PrimInfo {
  readonly abstractEval: (operands: readonly AbstractOperand[]) => Abstract;
  /** Present for elementwise primitives: their scalar form, for kernels. */
  readonly scalar?: ScalarForm;
  /**
   * Whether the scalar result is a boolean: always (comparisons), or, for
   * numpy's form of the op, when the chosen operands are (`np.where`,
   * `np.maximum`, `np.add`, `np.abs`: numpy keeps bool). JS's operators and
   * `Math` functions give numbers of booleans.
   */
  readonly booleanResult?: "always" | "preserving";
  readonly fusedReduction?: FusedReduction;
  /**
   * True when the result says something about the argument as a whole (`x === null`),
   * never about one example: it stays unbatched whatever its operand is.
   */
  readonly structural?: boolean;
  /** For primitives that build a tensor from a shape: batching one is a data-dependent shape, the user's to fix. */
  readonly shapeFromOperands?: boolean;
  /**
   * May throw for some values or shapes of its operands (integers to a
   * negative power, an empty axis with no identity, an index out of range):
   * kept even where nothing reads its result, and computed only if an example
   * gets there when its operands are unbatched under a batched condition.
   */
  readonly throwsOnValues?: boolean;
  /**
   * Gives a JS number where its result has no axes, as numpy gives a scalar
   * (`dot` of two vectors, `trace` and `linalg.det` of a matrix). Where the
   * rank is not known when compiled, a batch of such results is made float64
   * at run time (`asNumbersWhereScalar`), as the reference stacks JS numbers.
   */
  readonly numberWhereRankZero?: boolean;
  /**
   * Positions of operands that its batching rule reads as written (einsum's
   * subscripts, to which it adds letters): at a call they are taken as
   * constants where they are written as one, a `const` of a literal type too.
   */
  readonly writtenOperands?: readonly number[];
}

const number: Abstract = { kind: "number", rank: 0 };
const boolean: Abstract = { kind: "boolean", rank: 0 };
const tensorOfRank = (rank: number | undefined): Abstract => (rank === undefined || rank >= 0 ? { kind: "tensor", rank } : { kind: "tensor", rank: undefined });

function isAbsent(operand: AbstractOperand | undefined): boolean {
  return operand === undefined || ("literal" in operand && (operand.literal === undefined || operand.literal === null));
}

/** The largest rank among operands, undefined when one is unknown. */
function broadcastRank(operands: readonly AbstractOperand[]): number | undefined {
  let rank = 0;
  for (const operand of operands) {
    if (isAbsent(operand)) continue;
    if (operand.rank === undefined) return undefined;
    rank = Math.max(rank, operand.rank);
  }
  return rank;
}

const hasTensor = (operands: readonly AbstractOperand[]) => operands.some((operand) => operand.kind === "tensor");
const hasOpaque = (operands: readonly AbstractOperand[]) => operands.some((operand) => operand.kind === "opaque" && !isAbsent(operand));

/** Numbers in, a number out; a Tensor anywhere makes a Tensor of the broadcast rank. */
function numericEval(operands: readonly AbstractOperand[]): Abstract {
  if (hasOpaque(operands)) return { kind: "opaque", rank: undefined };
  return hasTensor(operands) ? tensorOfRank(broadcastRank(operands)) : number;
}

/** Comparisons and logic: a boolean (of any JS values, `"a" === "b"` too), or a bool Tensor. */
function booleanEval(operands: readonly AbstractOperand[]): Abstract {
  return hasTensor(operands) ? tensorOfRank(broadcastRank(operands)) : boolean;
}

/** `where(c, a, b)`: a choice between booleans is a boolean, as numpy keeps bool. */
function whereEval(operands: readonly AbstractOperand[]): Abstract {
  if (hasOpaque(operands)) return { kind: "opaque", rank: undefined };
  if (hasTensor(operands)) return tensorOfRank(broadcastRank(operands));
  return operands[1].kind === "boolean" && operands[2].kind === "boolean" ? boolean : number;
}

type Elementwise = PrimInfo & { readonly scalar: ScalarForm };
const elementwise = (scalar: ScalarForm): Elementwise => ({ abstractEval: numericEval, scalar });
const keepingBools = (scalar: ScalarForm): Elementwise => ({ abstractEval: numericEval, scalar, booleanResult: "preserving" });
const comparison = (operator: string): Elementwise => ({ abstractEval: booleanEval, scalar: { operator }, booleanResult: "always" });

/** `op(x, axis?, keepdims?)`: no axis reduces every per-example axis to a number. */
function reductionEval(operands: readonly AbstractOperand[]): Abstract {
  const [x, axis, keepdims] = operands;
  if (x.kind !== "tensor") return number;
  if (isAbsent(axis) && (isAbsent(keepdims) || keepdims.literal === false)) return number;
  if (keepdims?.literal === true) return tensorOfRank(x.rank);
  if (x.rank === undefined) return tensorOfRank(undefined);
  if (typeof axis.literal === "number") return tensorOfRank(x.rank - 1);
  if (axis.length !== undefined) return tensorOfRank(x.rank - axis.length);
  return tensorOfRank(undefined);
}

const reduction = (fusedReduction?: FusedReduction): PrimInfo => ({ abstractEval: reductionEval, fusedReduction });
const throwing = (info: PrimInfo): PrimInfo => ({ ...info, throwsOnValues: true });
/** `cumsum(x, axis?)`, `cumprod`: `x`'s rank along an axis; with none, of the flattened `x`, a vector. */
const scan: PrimInfo = { abstractEval: ([x, axis]) => tensorOfRank(isAbsent(axis) ? 1 : x.kind === "tensor" ? x.rank : 1) };
/** `any` and `all`: a reduction whose full form is a boolean. */
const truthReduction: PrimInfo = {
  abstractEval: (operands) => {
    const reduced = reductionEval(operands);
    return reduced.kind === "number" ? boolean : reduced;
  },
};
const tensorOfUnknownRank: PrimInfo = { abstractEval: () => tensorOfRank(undefined) };
const sameRank: PrimInfo = { abstractEval: ([x]) => tensorOfRank(x.kind === "tensor" ? x.rank : 0) };
const constructor = (rank: number | undefined): PrimInfo => ({ abstractEval: () => tensorOfRank(rank), shapeFromOperands: true });

/**
 * numpy's `dot`: vectors give a number; with a rank unknown, the result may be
 * a number or a Tensor, which the runtime helpers accept alike.
 */
function dotEval([a, b]: readonly AbstractOperand[]): Abstract {
  if (a.rank === undefined || b.rank === undefined) return tensorOfRank(undefined);
  const rank = a.rank === 0 || b.rank === 0 ? Math.max(a.rank, b.rank) : b.rank === 1 ? a.rank - 1 : a.rank + b.rank - 2;
  return rank === 0 ? number : tensorOfRank(rank);
}

/** `array(values, shape?)`: the shape's rank where one is given, else a list's depth (a Tensor's rank for `asarray`). */
function arrayEval([values, shape]: readonly AbstractOperand[]): Abstract {
  const shapeGiven = shape !== undefined && !("literal" in shape && (shape.literal === undefined || shape.literal === null));
  if (shapeGiven) return tensorOfRank(shape.kind === "number" ? 1 : shape.length);
  if (values.kind === "number" || values.kind === "boolean") return tensorOfRank(0);
  if (values.kind === "tensor") return tensorOfRank(values.rank);
  return tensorOfRank(values.length !== undefined && values.rank !== undefined ? values.rank + 1 : undefined);
}

function likeEval(x: AbstractOperand): Abstract {
  return x.kind === "tensor" ? tensorOfRank(x.rank) : x.kind === "boolean" ? boolean : x.kind === "number" ? number : { kind: "opaque", rank: undefined };
}

function matmulEval([a, b]: readonly AbstractOperand[]): Abstract {
  if (a.rank === undefined || b.rank === undefined) return tensorOfRank(undefined);
  if (a.rank === 1) return tensorOfRank(b.rank - 1);
  return tensorOfRank(b.rank === 1 ? a.rank - 1 : Math.max(a.rank, b.rank));
}

export const prims = {
  /** numpy's `add` of bools is logical or, `mul` logical and. */
  add: keepingBools({ operator: "+" }),
  sub: elementwise({ operator: "-" }),
  mul: keepingBools({ operator: "*" }),
  div: elementwise({ operator: "/" }),
  neg: elementwise({ operator: "-", prefix: true }),
  /** JS `%`: the sign of the dividend. */
  rem: elementwise({ operator: "%" }),
  /** numpy's `mod`: the sign of the divisor. */
  mod: elementwise({ helper: "floorMod" }),
  pow: { ...elementwise({ helper: "powFloat" }), throwsOnValues: true },
  abs: keepingBools({ math: "abs" }),
  /** numpy's `sign`: the sign of -0 is 0. */
  sign: elementwise({ helper: "signOf" }),
  /** `Math.sign`: -0 stays -0. */
  jsSign: elementwise({ math: "sign" }),
  cbrt: elementwise({ math: "cbrt" }),
  log2: elementwise({ math: "log2" }),
  log10: elementwise({ math: "log10" }),
  sinh: elementwise({ math: "sinh" }),
  cosh: elementwise({ math: "cosh" }),
  asinh: elementwise({ math: "asinh" }),
  acosh: elementwise({ math: "acosh" }),
  atanh: elementwise({ math: "atanh" }),
  asin: elementwise({ math: "asin" }),
  acos: elementwise({ math: "acos" }),
  atan: elementwise({ math: "atan" }),
  atan2: elementwise({ math: "atan2" }),
  /** `Math.hypot(a, b, …)`, any number of operands, as JS computes it. */
  hypot: elementwise({ math: "hypot" }),
  fround: elementwise({ math: "fround" }),
  /** numpy's names for the inverse functions of `Math.asin` and the like. */
  arcsin: elementwise({ math: "asin" }),
  arccos: elementwise({ math: "acos" }),
  arctan: elementwise({ math: "atan" }),
  arcsinh: elementwise({ math: "asinh" }),
  arccosh: elementwise({ math: "acosh" }),
  arctanh: elementwise({ math: "atanh" }),
  arctan2: elementwise({ math: "atan2" }),
  isnan: { abstractEval: booleanEval, scalar: { math: "isNaN", global: "Number" }, booleanResult: "always" } as Elementwise,
  isinf: { abstractEval: booleanEval, scalar: { helper: "isInfinite" }, booleanResult: "always" } as Elementwise,
  /** numpy's `isfinite`: of a kernel's JS boolean too (`Number.isFinite(true)` is false, a bool is finite). */
  isfinite: { abstractEval: booleanEval, scalar: { helper: "isFiniteValue" }, booleanResult: "always" } as Elementwise,
  isNaN: { abstractEval: booleanEval, scalar: { math: "isNaN", global: "Number" }, booleanResult: "always" } as Elementwise,
  isFinite: { abstractEval: booleanEval, scalar: { math: "isFinite", global: "Number" }, booleanResult: "always" } as Elementwise,
  isInteger: { abstractEval: booleanEval, scalar: { math: "isInteger", global: "Number" }, booleanResult: "always" } as Elementwise,
  sqrt: elementwise({ math: "sqrt" }),
  square: elementwise({ square: true }),
  exp: elementwise({ math: "exp" }),
  log: elementwise({ math: "log" }),
  log1p: elementwise({ math: "log1p" }),
  expm1: elementwise({ math: "expm1" }),
  sin: elementwise({ math: "sin" }),
  cos: elementwise({ math: "cos" }),
  tan: elementwise({ math: "tan" }),
  tanh: elementwise({ math: "tanh" }),
  sigmoid: elementwise({ helper: "sigmoid" }),
  floor: keepingBools({ math: "floor" }),
  ceil: keepingBools({ math: "ceil" }),
  /** numpy's `round`: half to even. */
  round: elementwise({ helper: "roundHalfEven" }),
  /** `Math.round`: half up. */
  jsRound: elementwise({ math: "round" }),
  trunc: keepingBools({ math: "trunc" }),
  clip: elementwise({ helper: "clip" }),
  maximum: keepingBools({ math: "max" }),
  minimum: keepingBools({ math: "min" }),
  less: comparison("<"),
  lessEqual: comparison("<="),
  greater: comparison(">"),
  greaterEqual: comparison(">="),
  equal: comparison("==="),
  notEqual: comparison("!=="),
  logicalAnd: comparison("&&"),
  logicalOr: comparison("||"),
  /** numpy's `logical_xor`: no JS operator, always its truth helper. */
  logicalXor: { abstractEval: booleanEval, scalar: { helper: "logicalXorOf" }, booleanResult: "always" } as Elementwise,
  logicalNot: { abstractEval: booleanEval, scalar: { operator: "!", prefix: true }, booleanResult: "always" } as Elementwise,
  where: { abstractEval: whereEval, scalar: { where: true }, booleanResult: "preserving" } as Elementwise,
  sum: reduction({ identity: 0, combine: "+" }),
  mean: reduction({ identity: 0, combine: "+", mean: true }),
  max: throwing(reduction({ identity: -Infinity, combine: "max" })),
  min: throwing(reduction({ identity: Infinity, combine: "min" })),
  prod: reduction({ identity: 1, combine: "*" }),
  logsumexp: reduction(),
  var: reduction(),
  std: reduction(),
  median: reduction(),
  any: truthReduction,
  all: truthReduction,
  /** `diff(x, n?, axis?)`: `x`'s rank, the axis shorter by `n`. */
  diff: throwing(sameRank),
  cumsum: scan,
  cumprod: scan,
  argmax: throwing(reduction()),
  argmin: throwing(reduction()),
  softmax: sameRank,
  logSoftmax: sameRank,
  /** `sort(x, axis?)`, `argsort`: `x`'s rank, or 1 for `axis` null (the flattened elements). */
  sort: throwing({ abstractEval: ([x, axis]) => tensorOfRank(axis !== undefined && axis.literal === null ? 1 : x.rank) }),
  argsort: throwing({ abstractEval: ([x, axis]) => tensorOfRank(axis !== undefined && axis.literal === null ? 1 : x.rank) }),
  flip: throwing(sameRank),
  /** `diagonal(x, offset?, axis1?, axis2?)`: two axes become one. */
  diagonal: throwing({ abstractEval: ([x]) => tensorOfRank(x.rank === undefined ? undefined : x.rank - 1) }),
  /** `trace(x, offset?, axis1?, axis2?)`: the diagonal's sum, a number for a matrix. */
  trace: { ...throwing({ abstractEval: ([x]) => (x.rank === 2 ? number : tensorOfRank(x.rank === undefined ? undefined : x.rank - 2)) }), numberWhereRankZero: true },
  tril: throwing(sameRank),
  triu: throwing(sameRank),
  reshape: throwing({ abstractEval: ([, shape]) => tensorOfRank(shape.length) }),
  transpose: sameRank,
  expandDims: { abstractEval: ([x, axis]) => tensorOfRank(x.rank === undefined ? undefined : x.rank + (axis.length ?? 1)) },
  squeeze: tensorOfUnknownRank,
  broadcastTo: { abstractEval: ([, shape]) => tensorOfRank(shape.length) },
  concatenate: tensorOfUnknownRank,
  stack: tensorOfUnknownRank,
  array: { abstractEval: arrayEval },
  /** `asarray(x, shape?)`: `array`'s, but a Tensor or typed array is taken as it is (not copied). */
  asarray: { abstractEval: arrayEval },
  index: throwing({ abstractEval: ([x]) => tensorOfRank(x.rank === undefined ? undefined : x.rank - 1) }),
  at: throwing({ abstractEval: () => number }),
  slice: throwing(sameRank),
  /** `dynamicSlice(t, start, size, axis?)`: `slice(t, start, start + size, axis)`, a window of fixed size. */
  dynamicSlice: throwing(sameRank),
  /** `set(t, i, value)`: a copy of `t` with row `i` replaced, so `t`'s rank. */
  set: throwing({ abstractEval: ([x]) => tensorOfRank(x.kind === "tensor" ? x.rank : undefined) }),
  take: throwing(tensorOfUnknownRank),
  dot: { abstractEval: dotEval, numberWhereRankZero: true },
  matmul: { abstractEval: matmulEval },
  outer: { abstractEval: () => tensorOfRank(2) },
  /** `cross(a, b)`: 3-vectors along the last axis, the other axes broadcast. */
  cross: throwing({ abstractEval: numericEval }),
  /** `einsum(subscripts, ...operands)`: as many axes as the output has letters. */
  einsum: { ...throwing({ abstractEval: ([subscripts]) => tensorOfRank(typeof subscripts.literal === "string" ? einsumLetters(subscripts.literal)?.output.length : undefined) }), writtenOperands: [0] },
  /** `linalg.det(a)`: a number for a matrix, a Tensor of its stack's rank for a stack. */
  "linalg.det": { ...throwing({ abstractEval: ([a]) => (a.rank === 2 ? number : tensorOfRank(a.rank === undefined ? undefined : a.rank - 2)) }), numberWhereRankZero: true },
  /** `linalg.inv(a)`: `a`'s rank. The linalg ops throw for shapes that are not (stacks of) square matrices; a singular one is not an error. */
  "linalg.inv": throwing(sameRank),
  /** `linalg.cholesky(a)`: `a`'s rank (a matrix that is not positive definite gives NaNs). */
  "linalg.cholesky": throwing(sameRank),
  /** `linalg.solve(a, b)`: a vector `b` gives `a`'s rank less one, a matrix the larger rank (their stacks broadcast). */
  "linalg.solve": throwing({ abstractEval: ([a, b]) => tensorOfRank(a.rank === undefined || b.rank === undefined ? undefined : b.rank === 1 ? a.rank - 1 : Math.max(a.rank, b.rank)) }),
  /** numpy's `zeros_like`, `ones_like`: x's kind, rank (and, at run time, shape and dtype). */
  zerosLike: { abstractEval: ([x]) => likeEval(x) },
  onesLike: { abstractEval: ([x]) => likeEval(x) },
  zeros: constructor(undefined),
  ones: constructor(undefined),
  full: constructor(undefined),
  arange: constructor(1),
  linspace: constructor(1),
  eye: constructor(2),
  /** `t as number` on a Tensor: its one element, a rank-0 value. */
  asNumber: { abstractEval: () => number },
  /** `x === null`, `x !== undefined`: whether an argument was given, the same for every example. */
  nullTest: { abstractEval: () => boolean, structural: true },
} satisfies Record<string, PrimInfo>;

export type PrimName = keyof typeof prims;

/** The primitives a kernel can compute element by element. */
export type ElementwisePrim = { [P in PrimName]: (typeof prims)[P] extends { readonly scalar: ScalarForm } ? P : never }[PrimName];

export function isPrimName(name: string): name is PrimName {
  return Object.prototype.hasOwnProperty.call(prims, name);
}

export function primInfo(name: PrimName): PrimInfo {
  return prims[name];
}

/**
 * Whether `prim` gives a boolean, its operands being booleans as `operands`
 * says: comparisons always; numpy's preserving ops where every value they
 * combine or choose is one (`np.where`'s condition aside), as are `?:`'s
 * sides; JS's operators and `Math` functions never (`true + true` is 2).
 */
export function isBooleanResult(prim: PrimName, operands: readonly boolean[], source: SourceForm): boolean {
  const result = primInfo(prim).booleanResult;
  if (result === "always") return true;
  if (result !== "preserving" || (source.form !== "np" && source.form !== "conditional")) return false;
  const values = prim === "where" ? operands.slice(1) : operands;
  return values.length > 0 && values.every(Boolean);
}

/** The kind and rank `prim` gives, as written (`source`): its abstract evaluation, a boolean where numpy keeps bool. */
export function abstractResult(prim: PrimName, operands: readonly AbstractOperand[], source: SourceForm): Abstract {
  const result = prims[prim].abstractEval(operands);
  const present = operands.filter((operand) => !isAbsent(operand));
  return result.kind === "number" && isBooleanResult(prim, present.map((operand) => operand.kind === "boolean"), source) ? boolean : result;
}
