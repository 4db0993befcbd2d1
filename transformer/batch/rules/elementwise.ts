import { type ElementwisePrim, type PrimName, prims } from "../../prims";
import { isVar } from "../../ir";
import { type Code, helper, np, value } from "../code";
import type { Rule, RuleCall } from "../rule";

/** JS semantics that numpy spells differently: `%` keeps the dividend's sign, `Math.round` rounds half up. */
const jsOps: Partial<Record<ElementwisePrim, string>> = { rem: "remainder", jsRound: "roundHalfUp" };

/**
 * `Math` and `Number` functions, batched as `jsMath("cbrt", x)` on batches of JS numbers. numpy spells some the same
 * (`np.cbrt`, `np.log2`, `np.hypot`, ...): written so, they take Tensors of any dtype and run as that `np` op.
 */
const jsMath: readonly ElementwisePrim[] = [
  "trunc", "jsSign", "cbrt", "log2", "log10", "sinh", "cosh", "asinh", "acosh", "atanh", "asin", "acos", "atan", "atan2", "hypot", "fround",
  "isNaN", "isFinite", "isInteger",
];

/**
 * Batches an elementwise op. Broadcasting aligns trailing axes, so a batched
 * operand of lower per-example rank than another operand gets unit axes after
 * its batch axes first: per-example shapes (3) and (2, 3) batch to (B, 1, 3)
 * and (2, 3), never (B, 3) against (2, 3).
 */
function elementwise(callee: (args: Code[], call: RuleCall) => Code): Rule {
  return (call) => {
    const meetsTensor = call.operands.some((operand) => isVar(operand) && operand.kind === "tensor");
    return callee(
      call.operands.map((operand, index) => {
        const lifted = broadcastable(call, index);
        if (!call.isBatched(index)) return lifted;
        // A batch of per-example numbers meets a Tensor as each number would: weakly typed, taking the Tensor's dtype
        // (where that splits the examples between dtypes, only a result that is only returned can hold them all).
        if (!(meetsTensor && isVar(operand) && operand.kind === "number")) return lifted;
        return call.returnedOnly ? helper("weakNumbers", lifted, value(true)) : helper("weakNumbers", lifted);
      }),
      call,
    );
  };
}

/** Operand `index` with its batch axes first, a batched one lifted to the others' per-example rank, so that broadcasting meets axis with axis. */
export function broadcastable(call: RuleCall, index: number): Code {
  const code = call.withLevels(index);
  if (!call.isBatched(index)) return code;
  const target = liftTarget(call, index);
  return target === undefined ? code : helper("lift", code, value(call.k), target);
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

/**
 * Transforms `c ? a : b` on a batched `c` into `select(c, a, b)`: each example
 * keeps its side's dtype, as it would alone (`selectResult` where the choice is
 * only returned, as the reference stacks it); `np.where` stays `np.where`.
 */
function where(args: Code[], call: RuleCall): Code {
  if (call.source.form !== "conditional") return np("where", ...args);
  const masks = call.masks();
  const active = masks.length > 0 ? [{ array: masks }] : [];
  return helper(call.returnedOnly ? "selectResult" : "select", ...args, ...active);
}

/**
 * Transforms `np.pow(x, y)` under batched conditions into `powReached`: an
 * integer to a negative integer power throws, so the exponents of examples
 * that take another path are not used. JS's `**` computes in float and never throws.
 */
function pow(args: Code[], call: RuleCall): Code {
  const masks = call.masks();
  if (call.source.form !== "np" || masks.length === 0) return np("pow", ...args);
  return helper("powReached", args[0], value(call.isBatched(0)), args[1], value(call.isBatched(1)), value(call.k), { array: masks });
}

/** The name of a prim's function on `Math` or `Number`. */
function mathName(prim: ElementwisePrim): string {
  const form = prims[prim].scalar;
  return "math" in form ? form.math : prim;
}

const elementwisePrims = (Object.keys(prims) as PrimName[]).filter((prim): prim is ElementwisePrim => "scalar" in prims[prim]);

/** Every primitive with a scalar form: an `np` op of the same name, or the runtime's JS-semantics helper. */
export const elementwiseRules = Object.fromEntries(
  elementwisePrims.map((prim) => {
    const jsName = jsOps[prim];
    if (jsMath.includes(prim)) return [prim, elementwise((args, call) => (call.source.form === "np" ? np(prim, ...args) : helper("jsMath", value(mathName(prim)), ...args)))];
    if (prim === "where") return [prim, elementwise(where)];
    if (prim === "pow") return [prim, elementwise(pow)];
    return [prim, elementwise((args) => (jsName ? helper(jsName, ...args) : np(prim, ...args)))];
  }),
) as Record<ElementwisePrim, Rule>;
