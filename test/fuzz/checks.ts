import type { Expr, Stmt } from "./ast";
import { asNumber, call, shapeOf } from "./coerce";
import { buildExpr } from "./ops";
import { choice, chooseFrom, literal, read } from "./scope";
import { type Form, constDeclaration } from "./statements";

/*
 * `if (...) throw new RangeError("...")` on shapes and unmapped values, as
 * ported JAX code checks its arguments: the same for every example, so
 * compiled code throws once what the reference throws. Only where no batched
 * condition encloses it (a throw there is TSVMAP9007), outside loops (whose
 * later iterations may read batched values the generator does not track) and
 * in the outermost function.
 */
export const check: Form = (plan, scope) => {
  if (scope.guarded || scope.loops > 0 || scope.level > 1) return constDeclaration(plan, scope);
  const error = chooseFrom(plan.pick, 0, ["RangeError", "TypeError"] as const);
  const tensors = scope.variables.filter((v) => v.type.kind === "tensor" && v.type.shape.length > 0);
  const form = choice(plan.pick, 1, 4);
  const value = asNumber(buildExpr(plan.other, scope.unbatchedOnly()));
  if (form >= 2 && !value.batched) {
    const test = form === 2 ? call("Number.isNaN", [value], { kind: "boolean" }).expr : binary(">", value.expr, literal(1e6).expr);
    return [{ kind: "throw", test, error, message: "an unmapped value is out of range" }];
  }
  if (tensors.length === 0) return constDeclaration(plan, scope);
  const tensor = chooseFrom(plan.pick, 2, tensors);
  const shape = shapeOf(read(tensor));
  // Now and then a check that fails, so that both sides throw.
  const op = choice(plan.pick, 4, 8) === 0 ? "===" : "!==";
  const name: Expr = { kind: "name", name: tensor.name };
  const statement = (test: Expr, message: string): Stmt[] => [{ kind: "throw", test, error, message }];
  if (form === 1) return statement(binary(op, { kind: "member", object: name, property: "ndim" }, literal(shape.length).expr), `${tensor.name} must have rank ${shape.length}`);
  const axis = choice(plan.pick, 3, shape.length);
  const extent: Expr = { kind: "element", object: { kind: "member", object: name, property: "shape" }, index: literal(axis).expr };
  return statement(binary(op, extent, literal(shape[axis]).expr), `${tensor.name} must have ${shape[axis]} entries along axis ${axis}`);
};

function binary(op: string, left: Expr, right: Expr): Expr {
  return { kind: "binary", op, left, right };
}
