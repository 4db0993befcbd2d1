import { helper, value } from "../code";
import type { Rule } from "../rule";

/**
 * `dot`, `matmul` and `outer` with batched operands: one product over the whole
 * batch (a single matmul when one side is unbatched, a batched matmul when both
 * are), never a loop. The runtime picks the contraction from the per-example ranks.
 */
function product(name: string): Rule {
  return (call) =>
    helper(name, call.withLevels(0), value(call.isBatched(0)), call.withLevels(1), value(call.isBatched(1)), value(call.k));
}

export const linalgRules = {
  dot: product("batchedDot"),
  matmul: product("batchedMatmul"),
  outer: product("batchedOuter"),
};
