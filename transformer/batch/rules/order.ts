import { isVar } from "../../ir";
import { np, value } from "../code";
import type { Rule } from "../rule";
import { allExampleAxes, exampleAxis } from "./axes";

/** `sort(x, axis = -1)` and `argsort`: along a per-example axis, or (axis null) along each flattened example. */
function ordering(op: string): Rule {
  return (call) => {
    call.requireUnbatched(1, "axis");
    const x = call.codes[0];
    const axis = call.operands[1];
    if (axis !== undefined && !isVar(axis) && axis.literal === null) return np(op, { helper: "flattenExample", args: [x, value(call.k)] }, value(call.k));
    return np(op, x, call.isAbsent(1) ? { helper: "exampleAxis", args: [x, value(call.k), value(-1)] } : exampleAxis(call, 1, x));
  };
}

/** `flip(x, axis?)`: along per-example axes; with no axis, every one of them (never a batch axis). */
const flip: Rule = (call) => {
  const x = call.codes[0];
  return np("flip", x, call.isAbsent(1) ? allExampleAxes(call, 0, x) : exampleAxis(call, 1, x));
};

/** `tril(x, k)` and `triu`: on the last two axes, which are per-example ones; the diagonal is the same for every example. */
function triangle(op: string): Rule {
  return (call) => {
    call.requireUnbatched(1, "diagonal k");
    return call.isAbsent(1) ? np(op, call.codes[0]) : np(op, call.codes[0], call.codes[1]);
  };
}

/**
 * `diagonal(x, offset = 0, axis1 = 0, axis2 = 1)` and `trace`: of two
 * per-example axes (the first two by default); the diagonal goes last, or is summed.
 */
function ofDiagonal(op: string): Rule {
  return (call) => {
    call.requireUnbatched(1, "offset");
    const x = call.codes[0];
    const axis = (index: number, otherwise: number) => (call.isAbsent(index) ? value(call.k + otherwise) : exampleAxis(call, index, x));
    return np(op, x, call.isAbsent(1) ? value(0) : call.codes[1], axis(2, 0), axis(3, 1));
  };
}

export const orderRules = {
  sort: ordering("sort"),
  argsort: ordering("argsort"),
  flip,
  diagonal: ofDiagonal("diagonal"),
  trace: ofDiagonal("trace"),
  tril: triangle("tril"),
  triu: triangle("triu"),
};
