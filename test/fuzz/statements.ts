import { type AxisSpec, type Expr, type ParamType, type Stmt, type Typed, type ValueType, tensorType } from "./ast";
import { asBoolean, asNumber, asNumberIfBoolean, asType, call, rankOf, shapeOf } from "./coerce";
import { buildExpr } from "./ops";
import { check } from "./checks";
import { higherOrder } from "./higher-order";
import { listBuild } from "./lists";
import type { ExprPlan, StmtPlan } from "./plan";
import { type Scope, type Variable, choice, chooseFrom, literal, read } from "./scope";
import { insertAxis, maxRank, removeAxes, writtenAxis } from "./shapes";

/*
 * The statement generator: declarations, assignments (also several variables
 * updated from each other), `if`/`else` on batched and unbatched conditions,
 * `for`/`while` with batched and unbatched bounds, no-op statements, helper
 * calls and nested vmap. Every form falls back to a declaration when the scope
 * has nothing it needs.
 */

export type Form = (plan: StmtPlan, scope: Scope) => Stmt[];

export function declare(scope: Scope, keyword: "const" | "let", value: Typed): Stmt {
  const name = scope.fresh(keyword === "const" ? "c" : "v");
  scope.declare({ name, type: value.type, batched: value.batched, mutable: keyword === "let" });
  return { kind: "declare", keyword, name, init: value.expr };
}

/** An assignment; under a batched condition the target becomes batched whatever the value (it becomes a `where`). */
function assign(scope: Scope, target: Variable, value: Typed, op: "=" | "+=" | "-=" | "*=" = "="): Stmt {
  target.batched ||= value.batched || scope.guarded;
  return { kind: "assign", name: target.name, op, value: value.expr };
}

export const constDeclaration: Form = (plan, scope) => [declare(scope, "const", buildExpr(plan.expr, scope))];
const letDeclaration: Form = (plan, scope) => [declare(scope, "let", buildExpr(plan.expr, scope))];

const assignment: Form = (plan, scope) => {
  const targets = scope.mutables();
  if (targets.length === 0) return letDeclaration(plan, scope);
  const target = chooseFrom(plan.pick, 0, targets);
  return [assign(scope, target, asType(buildExpr(plan.expr, scope), target.type))];
};

const compoundAssignment: Form = (plan, scope) => {
  const targets = scope.mutables().filter((v) => v.type.kind === "number");
  if (targets.length === 0) return letDeclaration(plan, scope);
  const target = chooseFrom(plan.pick, 0, targets);
  const op = chooseFrom(plan.pick, 1, ["+=", "-=", "*=", "++"] as const);
  if (op === "++") {
    target.batched ||= scope.guarded;
    return [{ kind: "increment", name: target.name }];
  }
  return [assign(scope, target, asNumber(buildExpr(plan.expr, scope)), op)];
};

/** A condition from `plan.other`, built from unbatched values only when the plan says so. */
function condition(plan: StmtPlan, scope: Scope): Typed {
  const unbatched = choice(plan.pick, 2, 2) === 1;
  return asBoolean(buildExpr(plan.other, unbatched ? scope.unbatchedOnly() : scope));
}

/** A block of statements, ending with an update of outer `let`s (one, or two from each other) so that it does something. */
function block(plans: readonly StmtPlan[], scope: Scope, update: StmtPlan | undefined): Stmt[] {
  const outer = scope.mutables();
  const statements = plans.flatMap((plan) => buildStatement(plan, scope));
  if (update === undefined || outer.length === 0) return statements;
  if (outer.filter((v) => v.type.kind !== "boolean").length >= 2 && choice(update.pick, 4, 2) === 1) {
    return [...statements, ...simultaneousUpdate(update, scope)];
  }
  const target = chooseFrom(update.pick, 3, outer);
  return [...statements, assign(scope, target, asType(buildExpr(update.expr, scope), target.type))];
}

/** A `let` for a branch or loop to update, when there is none yet. */
function carried(plan: StmtPlan, scope: Scope): Stmt[] {
  if (scope.mutables().length > 0) return [];
  return [declare(scope, "let", asNumberIfBoolean(buildExpr(plan.other, scope)))];
}

const ifElse: Form = (plan, scope) => {
  const before = carried(plan, scope);
  const test = condition(plan, scope);
  const then = block(plan.body, scope.block(test.batched), plan);
  const otherwise = plan.orelse.length === 0 ? [] : block(plan.orelse, scope.block(test.batched), undefined);
  return [...before, { kind: "if", test: test.expr, then, otherwise }];
};

/** A loop bound and the largest value its counter takes: a literal, a JS array's length, an extent, or batched. */
function loopBound(plan: StmtPlan, scope: Scope): { bound: Typed; maxIndex: number } {
  const arrays = scope.arrays;
  const tensors = scope.variables.filter((v) => v.type.kind === "tensor" && v.type.shape.length > 0);
  switch (choice(plan.pick, 0, 4)) {
    case 1:
      if (arrays.length > 0) {
        const array = chooseFrom(plan.pick, 1, arrays);
        return { bound: { expr: { kind: "member", object: { kind: "name", name: array.name }, property: "length" }, type: { kind: "number" }, batched: false }, maxIndex: array.length - 1 };
      }
      break;
    case 2:
      if (tensors.length > 0) {
        const tensor = chooseFrom(plan.pick, 1, tensors);
        const extent = shapeOf(read(tensor))[0];
        const shape = { kind: "member", object: { kind: "name", name: tensor.name }, property: "shape" } as const;
        return { bound: { expr: { kind: "element", object: shape, index: literal(0).expr }, type: { kind: "number" }, batched: false }, maxIndex: extent - 1 };
      }
      break;
    case 3: {
      const limit = asNumber(buildExpr(plan.other, scope));
      return { bound: call("Math.min", [limit, literal(3)], { kind: "number" }), maxIndex: 2 };
    }
  }
  const count = chooseFrom(plan.pick, 1, [2, 3, 1, 0]);
  return { bound: literal(count), maxIndex: count - 1 };
}

/**
 * Generates a loop body. A later iteration reads what an earlier one assigned,
 * so once the body makes one outer `let` batched, every outer `let` is taken as
 * batched after the loop (more than may be so, never less).
 */
function carriedThrough(scope: Scope, body: () => Stmt[]): Stmt[] {
  const outer = scope.mutables();
  const before = outer.map((v) => v.batched);
  const statements = body();
  if (outer.some((v, i) => v.batched !== before[i])) for (const v of outer) v.batched = true;
  return statements;
}

/**
 * A counted loop. A `for` may also hold `if (c) break;` or `if (c) continue;`
 * (not a `while`, whose counter is updated at the end of the body): under a
 * batched `c` the loop is masked, which makes its counter batched too.
 */
function loop(kind: "for" | "while"): Form {
  return (plan, scope) => {
    const before = carried(plan, scope);
    const { bound, maxIndex } = loopBound(plan, scope);
    const jump = kind === "for" ? ([undefined, "break", "continue"] as const)[choice(plan.pick, 5, 3)] : undefined;
    const batchedJump = jump !== undefined && choice(plan.pick, 6, 2) === 1;
    const body = scope.loopBody(bound.batched || batchedJump);
    const counter = body.fresh(kind === "for" ? "i" : "j");
    body.declare({ name: counter, type: { kind: "number" }, batched: bound.batched || batchedJump, mutable: false, maxIndex });
    // The jump's test reads only what is declared before the body, so it may stand anywhere in it.
    const test = jump === undefined ? undefined : asBoolean(buildExpr(plan.other, batchedJump ? body.block() : body.unbatchedOnly()));
    const statements = carriedThrough(scope, () => block(plan.body, body, plan));
    if (jump === undefined || test === undefined) return [...before, { kind, counter, bound: bound.expr, body: statements }];
    const at = choice(plan.expr.pick ^ plan.other.pick, 5, statements.length + 1);
    const jumping: Stmt = { kind: "if", test: test.expr, then: [{ kind: "jump", jump }], otherwise: [] };
    return [...before, { kind, counter, bound: bound.expr, body: [...statements.slice(0, at), jumping, ...statements.slice(at)] }];
  };
}

/** `for (const e of list)` over a closed-over array of numbers or the rows of a Tensor. */
const forOf: Form = (plan, scope) => {
  const tensors = scope.variables.filter((v) => v.type.kind === "tensor" && v.type.shape.length > 0);
  const overArray = scope.arrays.length > 0 && (tensors.length === 0 || choice(plan.pick, 5, 2) === 0);
  if (!overArray && tensors.length === 0) return loop("for")(plan, scope);
  const before = carried(plan, scope);
  const body = scope.loopBody();
  const name = body.fresh("e");
  if (overArray) {
    const array = chooseFrom(plan.pick, 6, scope.arrays);
    body.declare({ name, type: { kind: "number" }, batched: false, mutable: false });
    return [...before, { kind: "forOf", name, of: { kind: "name", name: array.name }, body: carriedThrough(scope, () => block(plan.body, body, plan)) }];
  }
  const tensor = chooseFrom(plan.pick, 6, tensors);
  body.declare({ name, type: tensorType(shapeOf(read(tensor)).slice(1)), batched: tensor.batched, mutable: false });
  return [...before, { kind: "forOf", name, of: { kind: "name", name: tensor.name }, body: carriedThrough(scope, () => block(plan.body, body, plan)) }];
};

/** `switch (Math.round(x))` with cases 0 and 1 (the first may fall through) and a `default`. */
const switchOn: Form = (plan, scope) => {
  const before = carried(plan, scope);
  const subject = call("Math.round", [asNumber(buildExpr(plan.other, choice(plan.pick, 5, 2) === 1 ? scope.unbatchedOnly() : scope))], { kind: "number" });
  const cases = [0, 1].map((value, index) => ({
    value,
    body: block(index === 0 ? plan.body : plan.orelse, scope.block(subject.batched), plan),
    breaks: index === 1 || choice(plan.pick, 6, 2) === 1,
  }));
  return [...before, { kind: "switch", subject: subject.expr, cases, otherwise: block([], scope.block(subject.batched), plan) }];
};

/** `let v: number;` assigned on both branches of an `if`, then read. */
const letUnset: Form = (plan, scope) => {
  const name = scope.fresh("u");
  const test = condition(plan, scope);
  const values = [asNumber(buildExpr(plan.expr, scope)), asNumber(buildExpr(plan.other, scope))];
  const statements: Stmt[] = [
    { kind: "declareUnset", name },
    { kind: "if", test: test.expr, then: [{ kind: "assign", name, op: "=", value: values[0].expr }], otherwise: [{ kind: "assign", name, op: "=", value: values[1].expr }] },
  ];
  scope.declare({ name, type: { kind: "number" }, batched: test.batched || values.some((value) => value.batched), mutable: true });
  return statements;
};

/** Statements that change nothing: `v = v;`, `if (c) { v = v; }`, `if (c) {}`. */
const noOp: Form = (plan, scope) => {
  const targets = scope.mutables();
  const form = choice(plan.pick, 0, 3);
  if (targets.length > 0 && form < 2) {
    const target = chooseFrom(plan.pick, 1, targets);
    const selfAssignment: Stmt = { kind: "assign", name: target.name, op: "=", value: { kind: "name", name: target.name } };
    return form === 0 ? [selfAssignment] : [{ kind: "if", test: condition(plan, scope).expr, then: [selfAssignment], otherwise: [] }];
  }
  return [{ kind: "if", test: condition(plan, scope).expr, then: [], otherwise: [] }];
};

/** Two `let`s updated from each other: both new values are computed from the old ones, then assigned. */
const simultaneousUpdate: Form = (plan, scope) => {
  const targets = scope.mutables().filter((v) => v.type.kind !== "boolean");
  if (targets.length < 2) return letDeclaration(plan, scope);
  const first = chooseFrom(plan.pick, 0, targets);
  const second = targets.filter((v) => v !== first)[choice(plan.pick, 1, targets.length - 1)];
  const values = [asType(buildExpr(plan.expr, scope), first.type), asType(buildExpr(plan.other, scope), second.type)];
  const names = values.map(() => scope.fresh("n"));
  return [
    ...values.map((value, i): Stmt => ({ kind: "declare", keyword: "const", name: names[i], init: value.expr })),
    assign(scope, first, { ...values[0], expr: { kind: "name", name: names[0] } }),
    assign(scope, second, { ...values[1], expr: { kind: "name", name: names[1] } }),
  ];
};

export function paramTypeOf(type: ValueType): ParamType {
  return type.kind === "tensor" ? { kind: "Tensor" } : { kind: "number" };
}

/** A module-level helper over one or two values, called here; the transformer inlines it. */
const helperCall: Form = (plan, scope) => {
  const args = [asNumberIfBoolean(buildExpr(plan.expr, scope)), asNumberIfBoolean(buildExpr(plan.other, scope))].slice(0, 1 + choice(plan.pick, 0, 2));
  const name = scope.fresh("helper");
  const inner = scope.nested(scope.variables.filter((v) => v.constant), scope.level);
  const params = args.map((arg) => {
    const variable = inner.declare({ name: inner.fresh("a"), type: arg.type, batched: arg.batched, mutable: false });
    return { name: variable.name, type: paramTypeOf(arg.type) };
  });
  const body = plan.body.flatMap((statement) => buildStatement(statement, inner));
  const result = asNumberIfBoolean(buildExpr({ op: choice(plan.pick, 1, 64), pick: plan.pick, args: [] }, inner));
  scope.addHelper({ kind: "helper", name, fn: { params, body: [...body, { kind: "return", value: result.expr }] } });
  const value = call(name, args, result.type);
  return [declare(scope, "const", { ...value, batched: value.batched || result.batched })];
};

/**
 * `vmap((q, ...) => ..., { inAxes, outAxes })(t, ...)` over an axis of a Tensor in
 * scope, one level deeper; the inner function closes over everything here.
 * Now and then it maps nothing (every spec null, `axisSize` given: each of the
 * axisSize examples is the same), or returns an object of two results, each
 * placed by its own out axis and destructured here.
 */
const nestedVmap: Form = (plan, scope) => {
  const tensors = scope.variables.filter((v) => v.type.kind === "tensor" && v.type.shape.length > 0);
  if (tensors.length === 0 || scope.level >= 3) return constDeclaration(plan, scope);
  const mapped = chooseFrom(plan.pick, 0, tensors);
  const shape = shapeOf(read(mapped));
  const axis = choice(plan.pick, 1, shape.length);
  // plan.pick's digits past the 7th are always 0 (it is below 7^8): the variants take their choices from the operands' picks.
  const variants = plan.expr.pick ^ plan.other.pick;
  const axisSize = choice(variants, 0, 5) === 0 ? 1 + choice(variants, 1, 3) : undefined;
  const extent = axisSize ?? shape[axis];
  const negative = choice(plan.pick, 2, 2) === 1;
  const inner = scope.nested(scope.variables, scope.level + 1);
  const args: Typed[] = [read(mapped)];
  const specs: AxisSpec[] = [axisSize === undefined ? writtenAxis(axis, shape.length, negative) : null];
  const paramTypes: ValueType[] = [axisSize !== undefined ? mapped.type : removeAxes(shape, [axis]).length === 0 ? { kind: "number" } : tensorType(removeAxes(shape, [axis]))];
  const second = scope.variables.filter((v) => v !== mapped && v.type.kind !== "boolean");
  if (second.length > 0 && choice(plan.pick, 3, 2) === 1) {
    const other = chooseFrom(plan.pick, 4, second);
    const otherShape = shapeOf(read(other));
    const otherAxis = axisSize === undefined ? otherShape.indexOf(extent) : -1;
    args.push(read(other));
    if (otherAxis >= 0 && choice(plan.pick, 5, 2) === 1) {
      specs.push(otherAxis);
      const rest = removeAxes(otherShape, [otherAxis]);
      paramTypes.push(rest.length === 0 ? { kind: "number" } : tensorType(rest));
    } else {
      specs.push(null);
      paramTypes.push(other.type);
    }
  }
  const params = paramTypes.map((type, i) => {
    const variable = inner.declare({ name: inner.fresh("q"), type, batched: specs[i] !== null || args[i].batched, mutable: false });
    return { name: variable.name, type: paramTypeOf(type) };
  });
  const body = plan.body.flatMap((statement) => buildStatement(statement, inner));
  const resultOf = (expr: ExprPlan) => {
    const result = asNumberIfBoolean(buildExpr(expr, inner));
    return rankOf(result) >= maxRank ? asNumber(result) : result;
  };
  const structured = choice(variants, 2, 3) === 0;
  const results = structured ? [resultOf(plan.other), resultOf(plan.expr)] : [resultOf(plan.other)];
  const outAxes = results.map((result, i) => {
    const rank = rankOf(result);
    const at = i === 0 ? choice(plan.pick, 6, rank + 1) : choice(variants, 3, rank + 1);
    return { at, written: writtenAxis(at, rank + 1, (i === 0 ? choice(plan.pick, 7, 2) : choice(variants, 4, 2)) === 1) };
  });
  const call = (returned: Expr, outSpec: AxisSpec): Expr => ({
    kind: "vmap",
    fn: { params, body: [...body, { kind: "return", value: returned }] },
    options: { inAxes: specs, outAxes: outSpec, ...(axisSize === undefined ? {} : { axisSize }) },
    args: args.map((arg) => arg.expr),
  });
  const typeOf = (i: number): ValueType => tensorType(insertAxis(shapeOf(results[i]), outAxes[i].at, extent));
  if (!structured) return [declare(scope, "const", { expr: call(results[0].expr, outAxes[0].written), type: typeOf(0), batched: true })];
  const names = results.map((_, i) => scope.declare({ name: scope.fresh("d"), type: typeOf(i), batched: true, mutable: false }).name);
  const returned: Expr = { kind: "object", keys: names, values: results.map((result) => result.expr) };
  const outSpec = Object.fromEntries(names.map((name, i) => [name, outAxes[i].written]));
  return [{ kind: "destructure", pattern: "object", names, from: call(returned, outSpec) }];
};

/** `const [a, b] = [x, y];` */
const destructuring: Form = (plan, scope) => {
  const values = [buildExpr(plan.expr, scope), buildExpr(plan.other, scope)];
  const names = values.map((value) => scope.declare({ name: scope.fresh("d"), type: value.type, batched: value.batched, mutable: false }).name);
  return [{ kind: "destructure", pattern: "array", names, from: { kind: "array", items: values.map((value) => value.expr) } }];
};

const forms: readonly Form[] = [
  constDeclaration, letDeclaration, assignment, loop("for"), ifElse, simultaneousUpdate, loop("while"), compoundAssignment,
  noOp, nestedVmap, helperCall, destructuring, forOf, switchOn, letUnset, listBuild, check, higherOrder,
];

export function buildStatement(plan: StmtPlan, scope: Scope): Stmt[] {
  return forms[plan.form % forms.length](plan, scope);
}
