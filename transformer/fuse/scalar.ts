import type { SourceForm } from "../ir";
import { type ElementwisePrim, type PrimName, type ScalarForm, prims } from "../prims";

/** Whether `prim` has a scalar form a kernel can compute it by. */
export function isScalarPrim(prim: PrimName): prim is ElementwisePrim {
  return "scalar" in prims[prim];
}

/**
 * How `prim` is written for one example, with numpy's meaning for `np` ops and
 * JS's for what the user wrote as JS: a JS `**` stays `**`.
 */
export function scalarForm(prim: ElementwisePrim, source: SourceForm): ScalarForm {
  if (prim === "pow" && source.form !== "np") return { operator: "**" };
  // numpy's logic takes numbers too, NaN as true; JS's `&&` would give NaN, which is false.
  if (source.form === "np" && prim in numpyLogic) return { helper: numpyLogic[prim as keyof typeof numpyLogic] };
  return prims[prim].scalar;
}

const numpyLogic = { logicalAnd: "logicalAndOf", logicalOr: "logicalOrOf", logicalNot: "logicalNotOf" } as const;
