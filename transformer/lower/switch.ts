import type * as ts from "typescript";
import { type Operand, type Var, isVar } from "../ir";
import { type LowerContext, Slot } from "./context";
import { emitPrim, lowerOperand } from "./expression";
import { labelOf, lowerClause, withBreakTarget } from "./jumps";
import { lowerStatements } from "./statement";

/**
 * Transforms `switch (x) { case a: …; case b: …; default: … }` into one guarded
 * block per clause, in order: a clause runs once the subject matched it or an
 * earlier clause fell through into it, and no `break` (or other jump) has been
 * taken since. `default` matches when no `case` does, wherever it stands.
 */
export function lowerSwitch(cx: LowerContext, node: ts.SwitchStatement): void {
  const ts = cx.ts;
  const subject = lowerOperand(cx, node.expression);
  const clauses = node.caseBlock.clauses;
  const equal = { form: "operator", token: ts.SyntaxKind.EqualsEqualsEqualsToken } as const;
  const or = { form: "operator", token: ts.SyntaxKind.BarBarToken } as const;
  const matches = clauses.map((clause) =>
    ts.isCaseClause(clause) ? emitPrim(cx, "equal", [subject, lowerOperand(cx, clause.expression)], equal, clause.expression, "matches") : undefined,
  );
  const caseMatches = matches.filter((match): match is Var => match !== undefined);
  const anyCase = caseMatches.slice(1).reduce<Operand>((either, match) => emitPrim(cx, "logicalOr", [either, match], or, node, "matched"), caseMatches[0] ?? { literal: false });
  const target = { broke: new Slot("broke"), label: labelOf(cx, node) };
  cx.scope.set(target.broke, { literal: false });
  withBreakTarget(cx, target, { breaks: true, continues: false, returns: false, outward: [] }, () => {
    let entered: Operand = { literal: false };
    clauses.forEach((clause, index) => {
      const match = matches[index] ?? emitPrim(cx, "logicalNot", [anyCase], { form: "operator", token: ts.SyntaxKind.ExclamationToken, prefix: true }, clause, "otherwise");
      entered = isFalse(entered) ? match : emitPrim(cx, "logicalOr", [entered, match], or, clause, "entered");
      if (clause.statements.length === 0) return;
      lowerClause(cx, entered, clause, () => lowerStatements(cx, clause.statements));
    });
  });
  cx.scope.delete(target.broke);
}

function isFalse(operand: Operand): boolean {
  return !isVar(operand) && operand.literal === false;
}
