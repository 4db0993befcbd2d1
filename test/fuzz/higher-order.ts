import type { Expr, FunctionNode, ParamType, Stmt, Typed, ValueType } from "./ast";
import { asNumber, asNumberIfBoolean } from "./coerce";
import { buildExpr } from "./ops";
import type { StmtPlan } from "./plan";
import { type Scope, choice } from "./scope";
import { type Form, declare, paramTypeOf } from "./statements";

/*
 * Functions as values, known at the vmap call site and inlined there: a
 * module-level helper taking a function parameter (`apply(f, x)`), called with
 * an arrow written in the per-example function (closing over its locals) or a
 * named module-level function, and a factory returning a closure over its
 * argument (`const g = make(k); g(x)`).
 */

/** A function over parameters of the values' types, and its body, generated in `inner`. */
function lambda(plan: StmtPlan, inner: Scope, values: readonly Typed[]): { params: FunctionNode["params"]; body: Typed } {
  const params = values.map((value) => {
    const variable = inner.declare({ name: inner.fresh("a"), type: value.type, batched: value.batched, mutable: false });
    return { name: variable.name, type: paramTypeOf(value.type) };
  });
  return { params, body: asNumberIfBoolean(buildExpr(plan.other, inner)) };
}

const named = (name: string): Expr => ({ kind: "name", name });

function sameType(a: ValueType, b: ValueType): boolean {
  return a.kind === b.kind && (a.kind !== "tensor" || (b.kind === "tensor" && a.shape.join() === b.shape.join()));
}

/** `function applyN(f: (a0: T) => R, x: T) { return f(x); }`, or `f(f(x))` when R is T. */
function applyHelper(scope: Scope, from: ValueType, to: ValueType, twice: boolean): string {
  const name = scope.fresh("apply");
  const once: Expr = { kind: "call", callee: "f", args: [named("x")] };
  const type: ParamType = { kind: "function", params: [paramTypeOf(from)], result: paramTypeOf(to) };
  const value: Expr = twice ? { kind: "call", callee: "f", args: [once] } : once;
  scope.addHelper({ kind: "helper", name, fn: { params: [{ name: "f", type }, { name: "x", type: paramTypeOf(from) }], body: [{ kind: "return", value }] } });
  return name;
}

export const higherOrder: Form = (plan, scope) => {
  const argument = asNumberIfBoolean(buildExpr(plan.expr, scope));
  const constants = scope.variables.filter((v) => v.constant);
  const form = choice(plan.pick, 0, 3);
  if (form === 2) {
    // A factory: its closure reads the factory's argument k as well as its own.
    const k = asNumber(buildExpr(plan.body[0]?.expr ?? plan.expr, scope));
    const { params, body } = lambda(plan, scope.nested(constants, scope.level), [argument, k]);
    const factory = scope.fresh("make");
    scope.addHelper({ kind: "helper", name: factory, fn: { params: params.slice(1), body: [{ kind: "return", value: { kind: "arrow", params: params.slice(0, 1), body: body.expr } }] } });
    // Bound to a const first: `make(k)(x)` is refused (TSVMAP9005), a finding of this generator's first run.
    const g = scope.fresh("g");
    const binding: Stmt = { kind: "declare", keyword: "const", name: g, init: { kind: "call", callee: factory, args: [k.expr] } };
    const value: Typed = { expr: { kind: "call", callee: g, args: [argument.expr] }, type: body.type, batched: argument.batched || body.batched };
    return [binding, declare(scope, "const", value)];
  }
  // An arrow closes over everything here; a named function only over the module's constants.
  const inline = form === 0;
  const { params, body } = lambda(plan, scope.nested(inline ? scope.variables : constants, scope.level), [argument]);
  const twice = sameType(argument.type, body.type) && choice(plan.pick, 1, 3) === 0;
  const apply = applyHelper(scope, argument.type, body.type, twice);
  let fn: Expr;
  if (inline) fn = { kind: "arrow", params, body: body.expr };
  else {
    const name = scope.fresh("fn");
    scope.addHelper({ kind: "helper", name, fn: { params, body: [{ kind: "return", value: body.expr }] } });
    fn = named(name);
  }
  const batched = argument.batched || body.batched;
  return [declare(scope, "const", { expr: { kind: "call", callee: apply, args: [fn, argument.expr] }, type: body.type, batched })];
};
