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
  const unwrapped = (node: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(node) ? unwrapped(node.expression) : node);
  const body = unwrapped(stop);
  if (!ts.isBinaryExpression(body) || body.operatorToken.kind !== ts.SyntaxKind.PlusToken) return undefined;
  // The stop is the start plus a size however it is parenthesized: `(k % 2) + 2` for a start `k % 2`.
  if (unwrapped(body.left).getText() !== unwrapped(start).getText() || ts.isNumericLiteral(unwrapped(start))) return undefined;
  const operands = [tensor, start, body.right, ...(axis ? [axis] : [])].map((argument) => lowerOperand(cx, argument));
  return emitPrim(cx, "dynamicSlice", operands, { form: "helper", name: "dynamicSlice" }, node, "window");
}
