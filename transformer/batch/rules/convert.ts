import { DiagnosticCode } from "../../diagnostics";
import { helper, value } from "../code";
import type { Rule } from "../rule";

/** `t as number` on a batched Tensor: each example must be a single element, as the reference reads it. */
export const asNumber: Rule = (call) => (call.rank(0) === 0 ? call.codes[0] : helper("exampleScalar", call.codes[0], value(call.k)));

/** `np.zeros(shape)` and the like with a batched shape: a size that differs between examples. */
export const constructor: Rule = (call) =>
  call.refuse(
    DiagnosticCode.DataDependentShape,
    `\`np.${call.prim}\` with a batched argument would build a tensor whose shape differs between examples. Give it constant arguments, or an unmapped one`,
  );
