import type { SourceForm } from "../ir";

/**
 * Elementwise primitives as one example computes them: the JS expression of
 * each, with numpy's meaning for `np` ops (`np.round` rounds half to even) and
 * JS's for what the user wrote as JS (`%`, `**`, `Math.round`). `helper` names
 * a scalar function of `tsvmap/runtime`.
 */
type ScalarForm =
  | { readonly operator: string; readonly prefix?: boolean }
  | { readonly math: string }
  | { readonly helper: string }
  | { readonly where: true }
  /** `x * x`. */
  | { readonly square: true };

const forms: Record<string, ScalarForm> = {
  add: { operator: "+" }, sub: { operator: "-" }, mul: { operator: "*" }, div: { operator: "/" },
  neg: { operator: "-", prefix: true },
  less: { operator: "<" }, lessEqual: { operator: "<=" }, greater: { operator: ">" }, greaterEqual: { operator: ">=" },
  equal: { operator: "===" }, notEqual: { operator: "!==" },
  logicalAnd: { operator: "&&" }, logicalOr: { operator: "||" }, logicalNot: { operator: "!", prefix: true },
  rem: { operator: "%" },
  abs: { math: "abs" }, sign: { math: "sign" }, sqrt: { math: "sqrt" }, exp: { math: "exp" }, log: { math: "log" },
  log1p: { math: "log1p" }, expm1: { math: "expm1" }, sin: { math: "sin" }, cos: { math: "cos" }, tan: { math: "tan" },
  tanh: { math: "tanh" }, floor: { math: "floor" }, ceil: { math: "ceil" }, jsRound: { math: "round" }, trunc: { math: "trunc" },
  maximum: { math: "max" }, minimum: { math: "min" },
  square: { square: true }, sigmoid: { helper: "sigmoid" }, round: { helper: "roundHalfEven" }, mod: { helper: "floorMod" },
  pow: { helper: "powFloat" }, clip: { helper: "clip" },
  where: { where: true },
};

export function isScalarPrim(prim: string): boolean {
  return prim in forms;
}

/** How `prim` is written for one example; a JS `**` stays `**`. */
export function scalarForm(prim: string, source: SourceForm): ScalarForm {
  if (prim === "pow" && source.form !== "np") return { operator: "**" };
  return forms[prim];
}

const booleanResults = new Set(["less", "lessEqual", "greater", "greaterEqual", "equal", "notEqual", "logicalAnd", "logicalOr", "logicalNot"]);
const booleanPreserving = new Set(["where", "maximum", "minimum"]);

/** Whether `prim` gives a boolean, when its operands are booleans as `operands` says (numpy: a choice between bools is a bool). */
export function isBooleanResult(prim: string, operands: readonly boolean[]): boolean {
  if (booleanResults.has(prim)) return true;
  const choices = prim === "where" ? operands.slice(1) : operands;
  return booleanPreserving.has(prim) && choices.length > 0 && choices.every(Boolean);
}
