import { type Code, helper, np, value } from "../code";
import type { Rule, RuleCall } from "../rule";

const npOps = [
  "neg", "abs", "sign", "sqrt", "square", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "tanh", "sigmoid",
  "floor", "ceil", "round", "add", "sub", "mul", "div", "pow", "mod", "maximum", "minimum",
  "less", "lessEqual", "greater", "greaterEqual", "equal", "notEqual", "logicalAnd", "logicalOr", "logicalNot",
  "where", "clip",
];

/** JS semantics that numpy spells differently: `%` keeps the dividend's sign, `Math.round` rounds half up. */
const jsOps: Record<string, string> = { rem: "remainder", jsRound: "roundHalfUp", trunc: "trunc" };

/**
 * Batches an elementwise op. Broadcasting aligns trailing axes, so a batched
 * operand of lower per-example rank than another operand gets unit axes after
 * its batch axes first: per-example shapes (3) and (2, 3) batch to (B, 1, 3)
 * and (2, 3), never (B, 3) against (2, 3).
 */
function elementwise(callee: (args: Code[]) => Code): Rule {
  return (call) =>
    callee(
      call.operands.map((_, index) => {
        const code = call.withLevels(index);
        if (!call.isBatched(index)) return code;
        const target = liftTarget(call, index);
        return target === undefined ? code : helper("lift", code, value(call.k), target);
      }),
    );
}

/** The per-example rank operand `index` must be lifted to, or undefined when it already has it. */
function liftTarget(call: RuleCall, index: number): Code | undefined {
  const own = call.rank(index);
  const others = call.operands.map((_, other) => other).filter((other) => other !== index && !call.isAbsent(other));
  const known = others.map((other) => call.rank(other)).filter((rank): rank is number => rank !== undefined);
  const unknown = others.filter((other) => call.rank(other) === undefined);
  const knownMax = Math.max(0, ...known);
  if (unknown.length === 0) return (own ?? 0) >= knownMax && (own !== undefined || knownMax === 0) ? undefined : value(knownMax);
  const ranks = unknown.map((other) => call.rankCode(other));
  if (knownMax > 0) ranks.push(value(knownMax));
  return ranks.length === 1 ? ranks[0] : { math: "max", args: ranks };
}

export const elementwiseRules: Record<string, Rule> = Object.fromEntries([
  ...npOps.map((op) => [op, elementwise((args) => np(op, ...args))] as const),
  ...Object.entries(jsOps).map(([prim, name]) => [prim, elementwise((args) => helper(name, ...args))] as const),
]);
