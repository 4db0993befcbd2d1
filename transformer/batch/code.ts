import type * as ts from "typescript";
import type { CheckedArguments, Kind, SourceForm, Tree, Var } from "../ir";
import type { FusedReduction, PrimName } from "../prims";

/**
 * The batched program, as expressions over the runtime: what the batch stage
 * produces and the emit stage prints. Each form maps to one kind of TS node.
 */
export type Code =
  /** A value defined earlier in the batched program. */
  | { readonly ref: Var }
  | { readonly value: number | boolean | string | null | undefined }
  | { readonly array: readonly Code[] }
  /** `np.<op>(...)`, from the runtime. */
  | { readonly np: string; readonly args: readonly Code[] }
  /** `<runtime>.<helper>(...)`: a batching helper of `tsvmap/runtime`. */
  | { readonly helper: string; readonly args: readonly Code[] }
  /** A JS operator on unbatched scalars, as the user wrote it. */
  | { readonly operator: ts.SyntaxKind; readonly args: readonly Code[]; readonly prefix?: boolean }
  | { readonly math: string; readonly args: readonly Code[]; readonly global?: "Number" }
  | { readonly conditional: readonly [Code, Code, Code] }
  | { readonly property: string; readonly of: Code }
  | { readonly element: Code; readonly of: Code }
  | { readonly call: Code; readonly args: readonly Code[] }
  | { readonly construct: Code; readonly args: readonly Code[] }
  | { readonly template: string; readonly spans: readonly { readonly code: Code; readonly text: string }[] }
  /** An expression of the user's, reproduced as written (a closed-over name). */
  | { readonly source: ts.Expression };

export type Statement =
  /** `const <name> = <code>;`; `op` says what a batched primitive computes, for fusion. */
  | { readonly define: Var; readonly code: Code; readonly node: ts.Node; readonly op?: BatchedOp }
  /** `<code>;`, run for its effect. */
  | { readonly effect: Code; readonly node: ts.Node }
  | { readonly throw: Code; readonly node: ts.Node }
  /** `let <name> = <code>;`: a value an `if` or a loop assigns. */
  | { readonly declare: Var; readonly code?: Code; readonly node: ts.Node }
  | { readonly assign: Var; readonly code: Code; readonly node: ts.Node }
  | { readonly branch: Code; readonly then: readonly Statement[]; readonly else: readonly Statement[]; readonly node: ts.Node }
  /** One pass over every example that computes a group of per-example scalar ops. */
  | { readonly kernel: Kernel; readonly node: ts.Node }
  /** `for (;;) { ... }`, left by `breakUnless`. */
  | { readonly loop: readonly Statement[]; readonly node: ts.Node }
  | { readonly breakUnless: Code; readonly node: ts.Node }
  /** `if (size === 0) return <the function on one zero-filled example, emptied>`: an empty batch as the reference makes it. */
  | { readonly emptyBatch: Var; readonly inAxes: unknown; readonly outAxes: unknown; readonly node: ts.Node };

export type CodeTree = Tree<Code>;

/** What a batched `define` computes, for the passes after batching (fusion). */
export interface BatchedOp {
  readonly prim: PrimName;
  readonly source: SourceForm;
  /** The vmap levels of the result. */
  readonly levels: readonly number[];
  readonly operands: readonly { readonly code: Code; readonly levels: readonly number[]; readonly kind: Kind; readonly absent: boolean }[];
}

/** An expression inside a kernel, for one example (or one element of it). */
export type ScalarExpression =
  /** The element of a batched input. */
  | { readonly input: number }
  /** An earlier step of the same kernel. */
  | { readonly step: Var }
  /** An unbatched value, read from outside the kernel. */
  | { readonly outside: Code; readonly kind: Kind }
  | { readonly prim: PrimName; readonly source: SourceForm; readonly args: readonly ScalarExpression[] };

/**
 * Where a kernel computes a value: once per example before its elements
 * (`example`), once per element (`element`), or once per example after a
 * reduction over its elements (`reduced`).
 */
export type Phase = "example" | "element" | "reduced";

/** A fused group: per example, reads `inputs`, computes `steps`, and writes the steps marked `output`. */
export interface Kernel {
  /** The group's levels: every input is given one leading axis per level (size 1 where it lacks it). */
  readonly levels: readonly number[];
  /**
   * What the kernel reads: a batched value (`example`: one number per example;
   * `element`: the example's elements), or an unbatched tensor read as every
   * example's elements (`constant`, a closed-over bias of the example's shape).
   */
  readonly inputs: readonly { readonly code: Code; readonly hint: string; readonly kind: Kind; readonly levels: readonly number[]; readonly phase: Phase | "constant" }[];
  readonly steps: readonly {
    readonly target: Var;
    readonly expression: ScalarExpression;
    readonly phase: Phase;
    /** For a reduction over the example's elements: how it accumulates (`sum`, `max`, ...). */
    readonly reduction?: FusedReduction;
    /** True when the step is a boolean (stored as `bool`), else a number (stored in the data's dtype when computed from its elements). */
    readonly boolean: boolean;
    readonly output: boolean;
  }[];
  /** The statements the kernel replaces, run instead where its data is neither all float64 nor all float32. */
  readonly fallback: readonly Statement[];
}

/** Every value `code` reads. */
export function refsOf(code: Code, found = new Set<Var>()): Set<Var> {
  if ("ref" in code) found.add(code.ref);
  else if ("args" in code) code.args.forEach((arg) => refsOf(arg, found));
  else if ("array" in code) code.array.forEach((element) => refsOf(element, found));
  else if ("conditional" in code) code.conditional.forEach((part) => refsOf(part, found));
  else if ("of" in code) {
    refsOf(code.of, found);
    if ("element" in code) refsOf(code.element, found);
  } else if ("template" in code) code.spans.forEach((span) => refsOf(span.code, found));
  if ("call" in code) refsOf(code.call, found);
  if ("construct" in code) refsOf(code.construct, found);
  return found;
}

/**
 * Whether `code` reads anything of the program or of the user's scope: a value
 * it defines, or an expression of the user's that `isGlobal` does not accept.
 */
export function readsOutside(code: Code, isGlobal: (source: ts.Expression) => boolean): boolean {
  const reads = (part: Code): boolean => readsOutside(part, isGlobal);
  if ("ref" in code) return true;
  if ("source" in code) return !isGlobal(code.source);
  if ("call" in code && reads(code.call)) return true;
  if ("construct" in code && reads(code.construct)) return true;
  if ("args" in code) return code.args.some(reads);
  if ("array" in code) return code.array.some(reads);
  if ("conditional" in code) return code.conditional.some(reads);
  if ("of" in code) return reads(code.of) || ("element" in code && reads(code.element));
  if ("template" in code) return code.spans.some((span) => reads(span.code));
  return false;
}

export interface BatchedProgram {
  readonly name: string;
  readonly params: readonly Var[];
  readonly argumentCount?: number;
  readonly checkedArguments?: CheckedArguments;
  /** Closed-over names the emitted code refers to, which its own names must not shadow. */
  readonly outsideNames: readonly string[];
  readonly statements: readonly Statement[];
  readonly result: CodeTree;
  /** Set by the outermost level's `chunkSize`: the program runs on chunks of the batch, mapped by these axes. */
  readonly chunks?: { readonly size: number; readonly inAxes: unknown; readonly outAxes: unknown };
  /** The fewest threads any level's `threads` allows: the whole program runs with at most that many. */
  readonly threads?: number;
}

export const ref = (v: Var): Code => ({ ref: v });
export const value = (literal: number | boolean | string | null | undefined): Code => ({ value: literal });
export const np = (op: string, ...args: Code[]): Code => ({ np: op, args });
export const helper = (name: string, ...args: Code[]): Code => ({ helper: name, args });
