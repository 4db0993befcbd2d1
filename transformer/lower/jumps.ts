import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { type Operand, isVar } from "../ir";
import { type JumpTarget, type LowerContext, type Slot, refuse } from "./context";
import { lowerBranches } from "./control";
import { emitPrim, lowerOperand } from "./expression";

/*
 * `break`, `continue` and `return` inside loops and `switch`, lowered to flags
 * as ISPC does: a jump sets its flag, every statement after one that may have
 * jumped runs only where no flag is set, and a loop goes on only while its
 * flags are clear. Flags are ordinary bindings, so one set under an unbatched
 * condition stays a JS `if`, and one set under a batched condition masks the
 * examples that took it, with no change to the batch stage.
 */

/** Which jumps a loop body holds that leave the loop, its iteration, or the function. */
export interface Jumps {
  readonly breaks: boolean;
  readonly continues: boolean;
  readonly returns: boolean;
  /** Labelled `break`s and `continue`s to loops or a `switch` around this one, which leave it too. */
  readonly outward: readonly { readonly label: string; readonly continues: boolean }[];
}

/** The jumps in `body`, the body of the loop or `switch` labelled `label` (if it is). */
export function jumpsOf(cx: LowerContext, body: ts.Node, label?: string): Jumps {
  const ts = cx.ts;
  const found = { breaks: false, continues: false, returns: false, outward: [] as { label: string; continues: boolean }[] };
  const visit = (node: ts.Node, inLoop: boolean, inSwitch: boolean, inner: ReadonlySet<string>): void => {
    if (ts.isFunctionLike(node)) return;
    if ((ts.isBreakStatement(node) || ts.isContinueStatement(node)) && node.label) {
      const named = node.label.text;
      const continues = ts.isContinueStatement(node);
      if (named === label) found[continues ? "continues" : "breaks"] = true;
      else if (!inner.has(named) && !found.outward.some((jump) => jump.label === named && jump.continues === continues)) found.outward.push({ label: named, continues });
    } else {
      if (ts.isBreakStatement(node) && !inLoop && !inSwitch) found.breaks = true;
      if (ts.isContinueStatement(node) && !inLoop) found.continues = true;
    }
    if (ts.isReturnStatement(node)) found.returns = true;
    const loop = inLoop || ts.isIterationStatement(node, false);
    const switches = inSwitch || ts.isSwitchStatement(node);
    const labels = ts.isLabeledStatement(node) ? new Set([...inner, node.label.text]) : inner;
    ts.forEachChild(node, (child) => visit(child, loop, switches, labels));
  };
  visit(body, false, false, new Set());
  return found;
}

/** The label of a loop or `switch` written as `label: for (...)`. */
export function labelOf(cx: LowerContext, statement: ts.Node): string | undefined {
  const parent = cx.ts.getOriginalNode(statement).parent;
  return parent !== undefined && cx.ts.isLabeledStatement(parent) ? parent.label.text : undefined;
}

/** The flags of enclosing targets that the labelled jumps of a loop body set: the loop carries them and stops when one is set. */
export function outwardFlags(cx: LowerContext, jumps: Jumps): Slot[] {
  return jumps.outward.flatMap(({ label, continues }) => {
    const target = cx.jumps.breakable.find((candidate) => candidate.label === label);
    const flag = continues ? target?.continued : target?.broke;
    return flag ? [flag] : [];
  });
}

/** Lowers `lower` with `target` as where `break` (and `continue`, if it has that flag) go. */
export function withBreakTarget(cx: LowerContext, target: JumpTarget, jumps: Jumps, lower: () => void): void {
  const outer = cx.jumps;
  cx.jumps = { ...outer, breakable: [...outer.breakable, target] };
  if (jumps.continues && target.continued) cx.scope.set(target.continued, { literal: false });
  try {
    lower();
  } finally {
    cx.jumps = outer;
    if (target.continued) cx.scope.delete(target.continued);
  }
}

/** Transforms `break` into setting the flag of the innermost loop or `switch`, or of the one it names. */
export function lowerBreak(cx: LowerContext, node: ts.BreakStatement): void {
  const target = node.label ? labelled(cx, node.label) : cx.jumps.breakable.at(-1);
  if (!target) return refuse(DiagnosticCode.UnsupportedSyntax, "`break` outside a loop or `switch`", node);
  cx.scope.set(target.broke, { literal: true });
}

/** Transforms `continue` into setting the flag of the innermost loop, or of the one it names, which its next iteration clears. */
export function lowerContinue(cx: LowerContext, node: ts.ContinueStatement): void {
  const target = node.label ? labelled(cx, node.label) : [...cx.jumps.breakable].reverse().find((candidate) => candidate.continued);
  if (!target?.continued) return refuse(DiagnosticCode.UnsupportedSyntax, "`continue` outside a loop", node);
  cx.scope.set(target.continued, { literal: true });
}

function labelled(cx: LowerContext, label: ts.Identifier): JumpTarget {
  const target = cx.jumps.breakable.find((candidate) => candidate.label === label.text);
  return target ?? refuse(DiagnosticCode.UnsupportedSyntax, `\`${label.text}\` labels no loop or \`switch\` around this jump; only a labelled loop or \`switch\` can be left by name`, label);
}

/** Transforms `return e` inside a loop or `switch` into filling the result slot and setting the `returned` flag. */
export function lowerReturnInside(cx: LowerContext, node: ts.ReturnStatement): void {
  const returns = cx.jumps.returns;
  if (!returns) return refuse(DiagnosticCode.UnsupportedSyntax, "this `return` is not compiled here; keep the result in a `let` and return once, after it", node);
  if (!node.expression) return refuse(DiagnosticCode.UnsupportedSyntax, "the per-example function must return a value", node);
  const value = lowerOperand(cx, node.expression);
  cx.scope.set(returns.result, value);
  cx.scope.set(returns.returned, { literal: true });
}

/** The flags of every enclosing jump target, as they stand. */
function activeFlags(cx: LowerContext): Slot[] {
  const flags = cx.jumps.breakable.flatMap((target) => (target.continued ? [target.broke, target.continued] : [target.broke]));
  return cx.jumps.returns ? [...flags, cx.jumps.returns.returned] : flags;
}

/** The flags among `flags` that may be set here: those not known to be `false`. */
function maybeSet(cx: LowerContext, flags: readonly Slot[]): Operand[] {
  return flags
    .map((flag) => cx.scope.get(flag) as Operand | undefined)
    .filter((value): value is Operand => value !== undefined && (isVar(value) || value.literal !== false));
}

/** `!(a || b || …)` over the flags that may be set; undefined when none may be. */
export function notJumped(cx: LowerContext, flags: readonly Slot[], node: ts.Node): Operand | undefined {
  const set = maybeSet(cx, flags);
  if (set.length === 0) return undefined;
  const or = { form: "operator", token: cx.ts.SyntaxKind.BarBarToken } as const;
  const any = set.slice(1).reduce<Operand>((either, flag) => emitPrim(cx, "logicalOr", [either, flag], or, node, "jumped"), set[0]);
  return emitPrim(cx, "logicalNot", [any], { form: "operator", token: cx.ts.SyntaxKind.ExclamationToken, prefix: true }, node, "going");
}

/** True when some enclosing flag may be set, so what follows must be guarded. */
export function mayHaveJumped(cx: LowerContext): boolean {
  return maybeSet(cx, activeFlags(cx)).length > 0;
}

/**
 * Lowers `lower` only where no example has jumped past this point. Inside,
 * no flag tested here is set, so what it holds is not guarded on them again:
 * under a batched guard every example runs it (as JAX's `cond` does) and a
 * loop in it that a guard stopped advancing would never end.
 */
export function lowerGuarded(cx: LowerContext, node: ts.Node, lower: () => void): void {
  const flags = activeFlags(cx);
  const going = notJumped(cx, flags, node);
  if (!going) return lower();
  lowerWhereClear(cx, going, flags, node, lower);
}

/** A `switch` clause: `lower` where it was `entered` and no jump has been taken since, as `lowerGuarded` does. */
export function lowerClause(cx: LowerContext, entered: Operand, node: ts.Node, lower: () => void): void {
  const flags = activeFlags(cx);
  lowerWhereClear(cx, whileClear(cx, entered, flags, node, "runs"), flags, node, lower);
}

/** Lowers `lower` where `condition` holds, which says that none of `flags` is set. */
function lowerWhereClear(cx: LowerContext, condition: Operand, flags: readonly Slot[], node: ts.Node, lower: () => void): void {
  const present = flags.filter((flag) => cx.scope.has(flag));
  lowerBranches(cx, condition, () => {
    const before = present.map((flag) => cx.scope.get(flag));
    const clear = present.map((flag) => {
      const unset: Operand = { literal: false };
      cx.scope.set(flag, unset);
      return unset;
    });
    lower();
    // A flag the guarded code left alone keeps its value, so the guard does not choose it.
    present.forEach((flag, index) => {
      if (cx.scope.get(flag) === clear[index]) cx.scope.set(flag, before[index]!);
    });
  }, () => undefined, node);
}

/** `condition && !(any of flags)`, or `condition` itself when no flag may be set. */
export function whileClear(cx: LowerContext, condition: Operand, flags: readonly Slot[], node: ts.Node, hint: string): Operand {
  const going = notJumped(cx, flags, node);
  if (!going) return condition;
  if (!isVar(condition) && condition.literal === true) return going;
  return emitPrim(cx, "logicalAnd", [condition, going], { form: "operator", token: cx.ts.SyntaxKind.AmpersandAmpersandToken }, node, hint);
}
