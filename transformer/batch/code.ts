import type * as ts from "typescript";
import type { Kind, SourceForm, Tree, Var } from "../ir";

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
  | { readonly math: string; readonly args: readonly Code[] }
  | { readonly conditional: readonly [Code, Code, Code] }
  | { readonly property: string; readonly of: Code }
  | { readonly element: Code; readonly of: Code }
  | { readonly call: Code; readonly args: readonly Code[] }
  | { readonly template: string; readonly spans: readonly { readonly code: Code; readonly text: string }[] }
  /** An expression of the user's, reproduced as written (a closed-over name). */
  | { readonly source: ts.Expression };

export type Statement =
  /** `const <name> = <code>;`; `scalar` describes a per-example scalar op that a kernel may fuse. */
  | { readonly define: Var; readonly code: Code; readonly node: ts.Node; readonly scalar?: ScalarOp }
  /** `<code>;`, run for its effect. */
  | { readonly effect: Code; readonly node: ts.Node }
  /** `let <name> = <code>;`: a value an `if` or a loop assigns. */
  | { readonly declare: Var; readonly code?: Code; readonly node: ts.Node }
  | { readonly assign: Var; readonly code: Code; readonly node: ts.Node }
  | { readonly branch: Code; readonly then: readonly Statement[]; readonly else: readonly Statement[]; readonly node: ts.Node }
  /** One pass over every example that computes a group of per-example scalar ops. */
  | { readonly kernel: Kernel; readonly node: ts.Node }
  /** `for (;;) { ... }`, left by `breakUnless`. */
  | { readonly loop: readonly Statement[]; readonly node: ts.Node }
  | { readonly breakUnless: Code; readonly node: ts.Node };

export type CodeTree = Tree<Code>;

/** A per-example scalar op on batched numbers or booleans, as fusion needs it: what it computes and from what. */
export interface ScalarOp {
  readonly prim: string;
  /** The vmap levels of the op and of each batched operand: one element per example of these. */
  readonly levels: readonly number[];
  readonly source: SourceForm;
  /** Each operand's code; `batched` operands are tensors holding one element per example. */
  readonly operands: readonly { readonly code: Code; readonly batched: boolean; readonly kind: Kind }[];
}

/** An expression inside a kernel, for one example. */
export type ScalarExpression =
  /** The element of a batched input. */
  | { readonly input: number }
  /** An earlier step of the same kernel. */
  | { readonly step: Var }
  /** An unbatched value, read from outside the kernel. */
  | { readonly outside: Code }
  | { readonly prim: string; readonly source: SourceForm; readonly args: readonly ScalarExpression[] };

/** A fused group: per example, reads `inputs`, computes `steps` in order, and writes the steps marked `output`. */
export interface Kernel {
  readonly inputs: readonly { readonly source: Var; readonly kind: Kind }[];
  readonly steps: readonly { readonly target: Var; readonly expression: ScalarExpression; readonly output: boolean }[];
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
  return found;
}

export interface BatchedProgram {
  readonly name: string;
  readonly params: readonly Var[];
  /** Closed-over names the emitted code refers to, which its own names must not shadow. */
  readonly outsideNames: readonly string[];
  readonly statements: readonly Statement[];
  readonly result: CodeTree;
}

export const ref = (v: Var): Code => ({ ref: v });
export const value = (literal: number | boolean | string | null | undefined): Code => ({ value: literal });
export const np = (op: string, ...args: Code[]): Code => ({ np: op, args });
export const helper = (name: string, ...args: Code[]): Code => ({ helper: name, args });
