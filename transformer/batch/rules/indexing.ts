import { np, helper, value } from "../code";
import type { Rule } from "../rule";
import { exampleAxis } from "./axes";

/** `index(t, i)`: the sub-tensor at `i` along the first example axis. */
const index: Rule = (call) => {
  call.requireUnbatched(1, "index");
  return helper("indexExample", call.codes[0], value(call.k), call.codes[1]);
};

/** `at(t, ...indices)`: one element per example. */
const at: Rule = (call) => {
  call.operands.slice(1).forEach((_, position) => call.requireUnbatched(position + 1, "index"));
  return helper("atExample", call.codes[0], value(call.k), { array: call.codes.slice(1) });
};

/** `slice(t, start, stop, axis = 0)`. */
const slice: Rule = (call) => {
  call.requireUnbatched(1, "start");
  call.requireUnbatched(2, "stop");
  const axis = call.isAbsent(3) ? value(call.k) : exampleAxis(call, 3, call.codes[0]);
  return np("slice", call.codes[0], call.codes[1], call.codes[2], axis);
};

/** `take(t, indices, axis?)`: with no axis numpy takes from the flattened array, here the flattened example. */
const take: Rule = (call) => {
  call.requireUnbatched(1, "indices");
  if (call.isAbsent(2)) return np("take", helper("flattenExample", call.codes[0], value(call.k)), call.codes[1], value(call.k));
  return np("take", call.codes[0], call.codes[1], exampleAxis(call, 2, call.codes[0]));
};

export const indexingRules: Record<string, Rule> = { index, at, slice, take };
