import { DiagnosticCode } from "../../diagnostics";
import { isVar } from "../../ir";
import { einsumLetters } from "../../../runtime/einsum-letters";
import { type Code, helper, np, value } from "../code";
import type { Rule, RuleCall } from "../rule";
import { broadcastable } from "./elementwise";

/**
 * `dot`, `matmul` and `outer` with batched operands: one product over the whole
 * batch (a single matmul when one side is unbatched, a batched matmul when both
 * are), never a loop. The runtime picks the contraction from the per-example ranks.
 */
function product(name: string): Rule {
  return (call) =>
    helper(name, call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), value(call.isBatched(1)), value(call.k));
}

/**
 * Transforms `np.einsum("ij,jk->ik", a, b)` on batched operands into one
 * einsum over the whole batch: each vmap level gets a letter the subscripts
 * do not use, written first for each operand that carries that level and for
 * the output (`"Zij,jk->Zik"`, which the runtime computes as one matmul with
 * the batch folded into the rows of `a`).
 */
function einsum(call: RuleCall): Code {
  const subscripts = call.literal(0);
  const written = subscripts !== undefined && !isVar(subscripts) ? subscripts.literal : undefined;
  if (call.isBatched(0) || typeof written !== "string") {
    call.refuse(DiagnosticCode.BadArguments, "the subscripts of `np.einsum` are written as a string literal (or a `const` of one) under vmap, so that its batch axes can be given letters of their own");
  }
  const parts = einsumLetters(written);
  if (parts === undefined) return np("einsum", ...call.codes);
  const unused = [..."ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba"].filter((letter) => !written.includes(letter));
  const letterOf = new Map(call.levels.map((level, position) => [level, unused[position]]));
  const inputs = parts.inputs.map((letters, operand) => call.operandLevels[operand + 1].map((level) => letterOf.get(level)).join("") + letters);
  const output = call.levels.map((level) => letterOf.get(level)).join("") + parts.output;
  return np("einsum", value(`${inputs.join(",")}->${output}`), ...call.codes.slice(1));
}

/** Transforms `np.cross(a, b)` with a batched operand into one cross of the batch: the vectors are the last axis, the rest broadcast as in elementwise ops. */
const cross: Rule = (call) => np("cross", broadcastable(call, 0), broadcastable(call, 1));

/** Transforms `np.linalg.det(a)`, `inv(a)` and `cholesky(a)` on a batched `a` into themselves: numpy's take a stack of matrices, the batch axes first. */
const stacked = (op: string): Rule => (call) => np(op, call.codes[0]);

/** Transforms `np.linalg.solve(a, b)` with a batched operand into one solve over the stacks, aligned by the per-example ranks (`batchedSolve`). */
const solve: Rule = (call) => helper("batchedSolve", call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), value(call.isBatched(1)), value(call.k));

export const linalgRules = {
  dot: product("batchedDot"),
  matmul: product("batchedMatmul"),
  outer: product("batchedOuter"),
  cross,
  einsum,
  "linalg.det": stacked("linalg.det"),
  "linalg.inv": stacked("linalg.inv"),
  "linalg.cholesky": stacked("linalg.cholesky"),
  "linalg.solve": solve,
};
