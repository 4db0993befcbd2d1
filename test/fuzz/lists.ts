import type { Stmt, Typed } from "./ast";
import { asNumber, asNumberIfBoolean, asType, call, rankOf, shapeOf } from "./coerce";
import { buildExpr } from "./ops";
import { choice, literal } from "./scope";
import { insertAxis, maxRank, writtenAxis } from "./shapes";
import { type Form, constDeclaration, declare } from "./statements";

/*
 * Lists built with `push` and stacked, as JAX's convolve example has them:
 * pushed in straight-line code or in a `for` of a trip count written in the
 * code (which the transformer unrolls), then `np.stack(list, axis)`, or
 * `np.array(list)` for numbers. Not under a batched condition nor in another
 * loop: a push there is outside the language.
 */
export const listBuild: Form = (plan, scope) => {
  if (scope.guarded || scope.loops > 0) return constDeclaration(plan, scope);
  let first = asNumberIfBoolean(buildExpr(plan.expr, scope));
  if (rankOf(first) >= maxRank) first = asNumber(first);
  const type = first.type;
  const name = scope.fresh("L");
  const count = 1 + choice(plan.pick, 0, 3);
  let pushes: Stmt[];
  let batched: boolean;
  if (choice(plan.pick, 1, 2) === 1) {
    const body = scope.loopBody();
    const counter = body.fresh("i");
    body.declare({ name: counter, type: { kind: "number" }, batched: false, mutable: false, maxIndex: count - 1 });
    const item = asType(buildExpr(plan.other, body), type);
    pushes = [{ kind: "for", counter, bound: literal(count).expr, body: [{ kind: "push", list: name, value: item.expr }] }];
    batched = item.batched;
  } else {
    const rest = [plan.other, ...plan.body.map((statement) => statement.expr)].slice(0, count - 1);
    const items: Typed[] = [first, ...rest.map((expr) => asType(buildExpr(expr, scope), type))];
    pushes = items.map((item) => ({ kind: "push", list: name, value: item.expr }));
    batched = items.some((item) => item.batched);
  }
  const length = pushes[0].kind === "for" ? count : pushes.length;
  const rank = rankOf(first);
  const axis = choice(plan.pick, 2, rank + 1);
  const asArray = type.kind === "number" && choice(plan.pick, 3, 2) === 1;
  const list: Typed = { expr: { kind: "name", name }, type, batched };
  const stacked = asArray
    ? call("np.array", [list], { kind: "tensor", shape: [length] })
    : call("np.stack", [list, literal(writtenAxis(axis, rank + 1, choice(plan.pick, 4, 2) === 1))], { kind: "tensor", shape: insertAxis(shapeOf(first), axis, length) });
  return [{ kind: "declareList", name, element: type.kind === "tensor" ? "Tensor" : "number" }, ...pushes, declare(scope, "const", stacked)];
};
