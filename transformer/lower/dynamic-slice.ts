import type * as ts from "typescript";
import type { Var } from "../ir";
import type { LowerContext } from "./context";
import { emitPrim, lowerOperand } from "./expression";

/**
 * `np.slice(t, i, i + n, axis?)`: a window of `n` elements wherever it starts,
 * so its shape is fixed even when `i` differs per example (JAX's
 * `dynamic_slice`). Only the written form says so: a batched rule sees `stop`
 * as just another batched value. Undefined for any other slice.
 */
export function lowerDynamicSlice(cx: LowerContext, node: ts.CallExpression): Var | undefined {
  const ts = cx.ts;
  const [tensor, start, stop, axis] = node.arguments;
  if (!tensor || !start || !stop || node.arguments.length > 4) return undefined;
  const body = ts.isParenthesizedExpression(stop) ? stop.expression : stop;
  if (!ts.isBinaryExpression(body) || body.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  if (body.left.getText() !== start.getText() || ts.isNumericLiteral(start)) return undefined;
  const operands = [tensor, start, body.right, ...(axis ? [axis] : [])].map((argument) => lowerOperand(cx, argument));
  return emitPrim(cx, "dynamicSlice", operands, { form: "helper", name: "dynamicSlice" }, node, "window");
}
