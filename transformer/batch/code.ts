import type * as ts from "typescript";
import type { Tree, Var } from "../ir";

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
  /** `const <name> = <code>;` */
  | { readonly define: Var; readonly code: Code; readonly node: ts.Node }
  /** `<code>;`, run for its effect. */
  | { readonly effect: Code; readonly node: ts.Node }
  /** `let <name> = <code>;`: a value an `if` or a loop assigns. */
  | { readonly declare: Var; readonly code?: Code; readonly node: ts.Node }
  | { readonly assign: Var; readonly code: Code; readonly node: ts.Node }
  | { readonly branch: Code; readonly then: readonly Statement[]; readonly else: readonly Statement[]; readonly node: ts.Node }
  /** `for (;;) { ... }`, left by `breakUnless`. */
  | { readonly loop: readonly Statement[]; readonly node: ts.Node }
  | { readonly breakUnless: Code; readonly node: ts.Node };

export type CodeTree = Tree<Code>;

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
