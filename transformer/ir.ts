import type * as ts from "typescript";
import type { PrimName } from "./prims";

/**
 * The per-example program, lowered from the TypeScript AST. Straight-line SSA:
 * every value is a `Var` defined once by one equation, in order.
 *
 * Value kinds follow what the user's code sees for ONE example:
 * - `number` / `boolean`: a JS scalar (batched, it becomes a 1-D Tensor: float64 or bool);
 * - `tensor`: a Tensor, with its per-example rank when known;
 * - `opaque`: any other JS value (a shape array, a string, a closed-over array):
 *   never batched, reproduced as written.
 */
export type Kind = "number" | "boolean" | "tensor" | "opaque";

export interface Var {
  readonly id: number;
  /** A readable name for the emitted code: the user's own name where there is one. */
  readonly hint: string;
  readonly kind: Kind;
  /** Per-example rank where the code says it (0 for scalars); undefined when only run time knows. */
  readonly rank: number | undefined;
}

export interface Literal {
  readonly literal: number | boolean | string | null | undefined;
}

export type Operand = Var | Literal;

export function isVar(operand: Operand): operand is Var {
  return "id" in operand;
}

/** How an unbatched equation is written back: as the user wrote it. */
export type SourceForm =
  /** `a <op> b` or `<op>a`, a JS operator on scalars. */
  | { readonly form: "operator"; readonly token: ts.SyntaxKind; readonly prefix?: boolean }
  /** `Math.<name>(...)`, or `Number.<name>(...)` with `global`. */
  | { readonly form: "math"; readonly name: string; readonly global?: "Number" }
  /** `np.<name>(...)`. */
  | { readonly form: "np" }
  /** `c ? a : b`. */
  | { readonly form: "conditional" }
  /** `<runtime>.<name>(...)`: a conversion the user wrote as a type assertion. */
  | { readonly form: "helper"; readonly name: string };

/** One equation: `out = prim(args)`. */
export type Equation =
  /** A numeric primitive, named like the `np` op it behaves as (`add`, `sum`, `dot`). */
  | {
      readonly op: "prim";
      readonly prim: PrimName;
      readonly args: readonly Operand[];
      readonly out: Var;
      readonly source: SourceForm;
      readonly node: ts.Node;
    }
  /** `.shape`, `.ndim`, `.size` of a tensor: the per-example ones. */
  | { readonly op: "meta"; readonly property: "shape" | "ndim" | "size"; readonly of: Var; readonly out: Var; readonly node: ts.Node }
  /** A value from outside the function (closed-over constant, global): written as is. */
  | { readonly op: "free"; readonly expression: ts.Expression; readonly out: Var; readonly node: ts.Node }
  /** `object.name` on an opaque value. */
  | { readonly op: "property"; readonly object: Operand; readonly name: string; readonly out: Var; readonly node: ts.Node }
  /** `object[index]` on an opaque value. */
  | { readonly op: "element"; readonly object: Operand; readonly index: Operand; readonly out: Var; readonly node: ts.Node }
  /** `[a, b, ...]` used as a value (a shape, a list of tensors). */
  | { readonly op: "array"; readonly elements: readonly Operand[]; readonly out: Var; readonly node: ts.Node }
  /** A template literal: `head${a}middle${b}tail`. */
  | { readonly op: "template"; readonly head: string; readonly spans: readonly { readonly value: Operand; readonly text: string }[]; readonly out: Var; readonly node: ts.Node }
  /** A call into code the transformer does not read, kept only for its effect (`console.log(...)`). */
  | { readonly op: "effect"; readonly callee: Operand; readonly args: readonly Operand[]; readonly node: ts.Node }
  /** `throw new construct(...args)`, or `throw args[0]` without `construct`: a check of the call, the same for every example. */
  | { readonly op: "throw"; readonly construct: Operand | undefined; readonly args: readonly Operand[]; readonly node: ts.Node }
  /** Enters a vmap level: maps `value` along its per-example `axis`. */
  | { readonly op: "enter"; readonly level: number; readonly axis: number; readonly value: Operand; readonly argument: string; readonly out: Var; readonly node: ts.Node }
  /** Leaves a vmap level: the stacked `value`, with the level's axis moved to `axis` (null: unmapped). */
  | { readonly op: "exit"; readonly level: number; readonly axis: number | null; readonly value: Operand; readonly out: Var; readonly node: ts.Node }
  /** `if`/`else`: each of `outs` is the matching `thenValues` or `elseValues` entry, by `condition`. */
  | {
      readonly op: "cond";
      readonly condition: Operand;
      readonly then: readonly Equation[];
      readonly else: readonly Equation[];
      readonly thenValues: readonly Operand[];
      readonly elseValues: readonly Operand[];
      readonly outs: readonly Var[];
      readonly node: ts.Node;
    }
  /**
   * `for`/`while`: `carried` start as `initial`; while `condition` (computed by
   * `test`) holds, `body` runs and `carried` become `next`. After the loop,
   * `carried` hold the final values.
   */
  | {
      readonly op: "loop";
      readonly carried: readonly Var[];
      readonly initial: readonly Operand[];
      readonly test: readonly Equation[];
      readonly condition: Operand;
      readonly body: readonly Equation[];
      readonly next: readonly Operand[];
      readonly node: ts.Node;
    };

/** Every equation of `equations`, those inside `if` and loops included. */
export function* allEquations(equations: readonly Equation[]): Generator<Equation> {
  for (const equation of equations) {
    yield equation;
    if (equation.op === "cond") {
      yield* allEquations(equation.then);
      yield* allEquations(equation.else);
    } else if (equation.op === "loop") {
      yield* allEquations(equation.test);
      yield* allEquations(equation.body);
    }
  }
}

/** What an equation reads itself: a join its condition (its sides are its branches'), a loop its initial values. */
export function operandsOf(equation: Equation): readonly Operand[] {
  switch (equation.op) {
    case "prim":
      return equation.args;
    case "meta":
      return [equation.of];
    case "property":
      return [equation.object];
    case "element":
      return [equation.object, equation.index];
    case "array":
      return equation.elements;
    case "template":
      return equation.spans.map((span) => span.value);
    case "effect":
      return [equation.callee, ...equation.args];
    case "throw":
      return equation.construct ? [equation.construct, ...equation.args] : equation.args;
    case "enter":
    case "exit":
      return [equation.value];
    case "cond":
      return [equation.condition];
    case "loop":
      return equation.initial;
    case "free":
      return [];
  }
}

/** A result structure: a leaf, or plain arrays and objects of results. */
export type Tree<Leaf> =
  | { readonly leaf: Leaf }
  | { readonly array: readonly Tree<Leaf>[] }
  | { readonly object: readonly { readonly key: string; readonly value: Tree<Leaf> }[] };

export type ResultTree = Tree<Operand>;

/** Every leaf of a result structure, in order. */
export function leavesOf<Leaf>(tree: Tree<Leaf>): Leaf[] {
  if ("leaf" in tree) return [tree.leaf];
  if ("array" in tree) return tree.array.flatMap(leavesOf);
  return tree.object.flatMap(({ value }) => leavesOf(value));
}

/** The same structure with every leaf mapped. */
export function mapTree<A, B>(tree: Tree<A>, mapLeaf: (leaf: A) => B): Tree<B> {
  if ("leaf" in tree) return { leaf: mapLeaf(tree.leaf) };
  if ("array" in tree) return { array: tree.array.map((element) => mapTree(element, mapLeaf)) };
  return { object: tree.object.map(({ key, value }) => ({ key, value: mapTree(value, mapLeaf) })) };
}

/** One vmap level: its size is read from the arguments it maps, or given as `axisSize`. */
export interface Level {
  readonly level: number;
  readonly name: string;
  readonly axisSize: number | undefined;
  /** The level's `inAxes` and `outAxes` as written. */
  readonly inAxes: unknown;
  readonly outAxes: unknown;
  readonly chunkSize: number | undefined;
  readonly threads: number | undefined;
  readonly node: ts.Node;
}

export interface CheckedArguments {
  /** The `inAxes` option as written: a number, null, or arrays and objects of them. */
  readonly inAxes: unknown;
  readonly names: readonly string[];
  readonly axisSize: number | undefined;
}

/** The lowered body of a vmap call site: its parameters, equations and result. */
export interface Program {
  readonly name: string;
  readonly params: readonly Var[];
  /** The number of arguments `inAxes` gives specs for, which the caller must pass. */
  readonly argumentCount?: number;
  /**
   * Set where an argument is a structure: the arguments are checked, and read
   * once, by the same code as the reference's (`checkArguments`).
   */
  readonly checkedArguments?: CheckedArguments;
  readonly levels: readonly Level[];
  readonly equations: readonly Equation[];
  readonly result: ResultTree;
}
