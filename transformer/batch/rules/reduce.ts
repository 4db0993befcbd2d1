import { DiagnosticCode } from "../../diagnostics";
import { np, value } from "../code";
import type { Rule } from "../rule";
import { allExampleAxes, exampleAxis } from "./axes";

const reductionOperands = ["", "axis", "keepdims flag", "ddof"];

/**
 * `op(x, axis?, keepdims?, ddof?)` over the example axes only: a full
 * reduction in the per-example function reduces every axis but the batch
 * axes. (`ddof` is `var`'s and `std`'s.)
 */
function reduction(op: string): Rule {
  return (call) => {
    for (const index of [1, 2, 3]) call.requireUnbatched(index, reductionOperands[index]);
    const x = call.codes[0];
    const axis = call.isAbsent(1) ? allExampleAxes(call, 0, x) : exampleAxis(call, 1, x);
    if (!call.isAbsent(3)) return np(op, x, axis, call.isAbsent(2) ? value(false) : call.codes[2], call.codes[3]);
    return call.isAbsent(2) ? np(op, x, axis) : np(op, x, axis, call.codes[2]);
  };
}

/** `argmax(x)` with no axis indexes the flattened example: flatten each example, then reduce its one axis. */
function argReduction(op: string): Rule {
  return (call) => {
    for (const index of [1, 2]) call.requireUnbatched(index, index === 1 ? "axis" : "keepdims flag");
    const x = call.codes[0];
    if (call.isAbsent(1)) {
      if (!call.isAbsent(2)) call.refuse(DiagnosticCode.BadArguments, `\`${op}\` with keepdims needs an axis under vmap`);
      return np(op, { helper: "flattenExample", args: [x, value(call.k)] }, value(call.k));
    }
    const axis = exampleAxis(call, 1, x);
    return call.isAbsent(2) ? np(op, x, axis) : np(op, x, axis, call.codes[2]);
  };
}

/** `cumsum(x)` (`cumprod`) with no axis runs over the flattened example: flatten each example, then run along its one axis. */
function scan(op: string): Rule {
  return (call) => {
    call.requireUnbatched(1, "axis");
    const x = call.codes[0];
    if (call.isAbsent(1)) return np(op, { helper: "flattenExample", args: [x, value(call.k)] }, value(call.k));
    return np(op, x, exampleAxis(call, 1, x));
  };
}

/** `diff(x, n = 1, axis = -1)`: the default axis is the last per-example one; `n` shortens every example alike. */
const diff: Rule = (call) => {
  call.requireUnbatched(1, "order n");
  call.requireUnbatched(2, "axis");
  const x = call.codes[0];
  const axis = call.isAbsent(2) ? { helper: "exampleAxis", args: [x, value(call.k), value(-1)] } : exampleAxis(call, 2, x);
  return np("diff", x, call.isAbsent(1) ? value(1) : call.codes[1], axis);
};

/** `softmax(x, axis = -1)` and `logSoftmax`: the default axis is the last per-example one, checked against the per-example rank. */
const alongOneAxis =
  (name: string): Rule =>
  (call) => {
    const x = call.codes[0];
    return np(name, x, call.isAbsent(1) ? { helper: "exampleAxis", args: [x, value(call.k), value(-1)] } : exampleAxis(call, 1, x));
  };

export const reduceRules = {
  sum: reduction("sum"),
  mean: reduction("mean"),
  max: reduction("max"),
  min: reduction("min"),
  prod: reduction("prod"),
  logsumexp: reduction("logsumexp"),
  var: reduction("var"),
  std: reduction("std"),
  median: reduction("median"),
  any: reduction("any"),
  all: reduction("all"),
  argmax: argReduction("argmax"),
  argmin: argReduction("argmin"),
  cumsum: scan("cumsum"),
  cumprod: scan("cumprod"),
  diff,
  softmax: alongOneAxis("softmax"),
  logSoftmax: alongOneAxis("logSoftmax"),
};
