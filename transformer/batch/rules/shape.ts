import { DiagnosticCode } from "../../diagnostics";
import { type Code, helper, np, value } from "../code";
import type { Rule, RuleCall } from "../rule";
import { exampleAxis } from "./axes";

/** `reshape(x, shape)`: the batch axes stay in front; `-1` resolves against one example's size. */
const reshape: Rule = (call) => {
  call.requireUnbatched(1, "shape");
  return np("reshape", call.codes[0], helper("batchShape", call.codes[0], value(call.k), call.codes[1]));
};

/** `transpose(x, perm?)`: the permutation moves example axes only. */
const transpose: Rule = (call) => {
  call.requireUnbatched(1, "permutation");
  const args = [call.codes[0], value(call.k)];
  if (!call.isAbsent(1)) args.push(call.codes[1]);
  return np("transpose", call.codes[0], helper("batchPermutation", ...args));
};

const expandDims: Rule = (call) => np("expandDims", call.codes[0], exampleAxes(call, 1, 1));

/** `squeeze(x)` drops unit example axes only, never a batch axis of size 1. */
const squeeze: Rule = (call) => {
  if (!call.isAbsent(1)) return np("squeeze", call.codes[0], exampleAxes(call, 1, 0));
  return np("squeeze", call.codes[0], helper("unitExampleAxes", call.codes[0], value(call.k)));
};

/** `broadcastTo(x, shape)`: per example; the batch axes keep their sizes. */
const broadcastTo: Rule = (call) => {
  call.requireUnbatched(1, "shape");
  return helper("broadcastExample", call.codes[0], value(call.k), call.codes[1]);
};

/** `concatenate(xs, axis)` and `stack(xs, axis)`: unbatched parts are broadcast along the batch axes first. */
function joining(op: "concatenate" | "stack"): Rule {
  return (call) => {
    const parts = listOperand(call, 0, op);
    const axis = call.isAbsent(1) ? value(call.k) : exampleAxis(call, 1, parts[0], op === "stack" ? 1 : 0);
    return np(op, { array: parts }, axis);
  };
}

/**
 * `np.array([a, b, ...], shape?)` of per-example numbers is a stack of them, reshaped per example where a shape
 * is given; `np.asarray` of a batched Tensor is that batch.
 */
const array: Rule = (call) => {
  call.requireUnbatched(1, "shape");
  const values = call.elementsOf(call.operands[0]) === undefined ? call.codes[0] : np("stack", { array: listOperand(call, 0, "array") }, value(call.k));
  return call.isAbsent(1) ? values : helper("reshapeExamples", values, value(call.k), call.codes[1]);
};

/** The elements of list operand `index`, each given every batch axis of the result. */
function listOperand(call: RuleCall, index: number, op: string): Code[] {
  const elements = call.elementsOf(call.operands[index]);
  if (!elements) {
    return call.refuse(DiagnosticCode.BadArguments, `\`${op}\` under vmap needs its list written as an array literal (\`np.${op}([a, b])\`)`);
  }
  const sizes = call.levelSizes();
  return elements.map((element) => {
    if (element.levels.length === call.k) return element.code;
    const missing = call.levels.flatMap((level, position) => (element.levels.includes(level) ? [] : [position]));
    return helper("broadcastLevels", element.code, { array: missing.map(value) }, { array: missing.map((position) => sizes[position]) });
  });
}

function exampleAxes(call: RuleCall, index: number, extra: number): Code {
  return exampleAxis(call, index, call.codes[0], extra);
}

export const shapeRules = {
  reshape,
  transpose,
  expandDims,
  squeeze,
  broadcastTo,
  concatenate: joining("concatenate"),
  stack: joining("stack"),
  array,
  asarray: array,
};
