import { DiagnosticCode, TsvmapError } from "../../diagnostics";
import { type Code, np, helper, value } from "../code";
import type { Rule, RuleCall } from "../rule";
import { exampleAxis } from "./axes";

/** `index(t, i)`: the sub-tensor at `i` along the first example axis; a batched `i` is a gather over the batch. */
const index: Rule = (call) => {
  if (call.isBatched(1)) return helper("gatherIndex", call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), value(call.k), ...masksOf(call));
  return helper("indexExample", call.codes[0], value(call.k), call.codes[1]);
};

/** `at(t, ...indices)`: one element per example; batched indices gather. */
const at: Rule = (call) => {
  const indices = call.operands.slice(1).map((_, position) => position + 1);
  if (indices.some((position) => call.isBatched(position))) {
    return helper("gatherAt", call.withLevels(0), value(call.isBatched(0)), { array: indices.map((position) => call.withLevels(position)) }, value(call.k), ...masksOf(call));
  }
  return helper("atExample", call.codes[0], value(call.k), { array: call.codes.slice(1) });
};

/** `slice(t, start, stop, axis = 0)`. */
const slice: Rule = (call) => {
  if (call.isBatched(1) || call.isBatched(2)) {
    throw new TsvmapError(
      DiagnosticCode.DataDependentShape,
      "the start or stop of `slice` depends on a batched value, so its length could differ between examples. For a window of fixed size write the stop as the start plus that size: `np.slice(t, i, i + n)`",
      call.node,
    );
  }
  const axis = call.isAbsent(3) ? value(call.k) : exampleAxis(call, 3, call.codes[0]);
  return np("slice", call.codes[0], call.codes[1], call.codes[2], axis);
};

/**
 * `dynamicSlice(t, start, size, axis = 0)`, what lowering makes of
 * `slice(t, i, i + n)`: a window of fixed size, so a batched `start` is one
 * gather of each example's own window.
 */
const dynamicSlice: Rule = (call) => {
  call.requireUnbatched(2, "window size");
  call.requireUnbatched(3, "axis");
  const axis = call.isAbsent(3) ? value(0) : call.codes[3];
  return helper("gatherSlice", call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), call.codes[2], value(call.k), axis, ...masksOf(call));
};

/**
 * `take(t, indices, axis?)`: with no axis numpy takes from the flattened
 * array, here the flattened example. Batched indices are one gather: each
 * example takes at its own indices.
 */
const take: Rule = (call) => {
  if (call.isBatched(1)) {
    call.requireUnbatched(2, "axis");
    const axis = call.isAbsent(2) ? value(null) : call.codes[2];
    return helper("gatherTake", call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), value(call.k), axis, ...masksOf(call));
  }
  if (call.isAbsent(2)) return np("take", helper("flattenExample", call.codes[0], value(call.k)), call.codes[1], value(call.k));
  return np("take", call.codes[0], call.codes[1], exampleAxis(call, 2, call.codes[0]));
};

/** `set(t, i, value)` with any of them batched: one scatter, each example's row `i` replaced by its value. */
const set: Rule = (call) =>
  helper("scatterSet", call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), call.withLevels(2), value(call.isBatched(2)), value(call.k), ...masksOf(call));

/** The enclosing batched conditions, as the last argument of a gather or scatter, when there are any. */
function masksOf(call: RuleCall): Code[] {
  const masks = call.masks();
  return masks.length > 0 ? [{ array: masks }] : [];
}

export const indexingRules = { index, at, slice, dynamicSlice, take, set };
