import fc from "fast-check";

/*
 * What fast-check generates and shrinks: plain records of small integers.
 * `build` (generate.ts) reads a plan as a sequence of choices, each an index
 * into a list ordered simplest first, and always makes a well-typed,
 * well-shaped program of it. So every shrink of a plan is again a valid
 * program: fewer statements, shallower expressions, and smaller integers,
 * which pick the simpler op, the first parameter, the plainer form.
 */

/** An expression: `op` picks the operation, `pick` its variants, `args` its operands (missing ones read a variable). */
export interface ExprPlan {
  readonly op: number;
  readonly pick: number;
  readonly args: readonly ExprPlan[];
}

/** A statement: `form` picks the kind; `expr` and `other` are its expressions, `body`/`orelse` its blocks. */
export interface StmtPlan {
  readonly form: number;
  readonly pick: number;
  readonly expr: ExprPlan;
  readonly other: ExprPlan;
  readonly body: readonly StmtPlan[];
  readonly orelse: readonly StmtPlan[];
}

/** One parameter of the per-example function, with its axis spec and input dtype. */
export interface ParamPlan {
  readonly kind: number;
  readonly dims: readonly number[];
  readonly dtype: number;
  readonly axis: number;
  readonly unmapped: boolean;
}

/** A module-level constant the function closes over: a number, a JS array or a Tensor. */
export interface ConstantPlan {
  readonly kind: number;
  readonly dims: readonly number[];
  readonly pick: number;
}

export interface ResultPlan {
  readonly structure: number;
  readonly leaves: readonly ExprPlan[];
  readonly outAxes: readonly number[];
}

export interface ProgramPlan {
  readonly params: readonly ParamPlan[];
  readonly constants: readonly ConstantPlan[];
  readonly body: readonly StmtPlan[];
  readonly result: ResultPlan;
}

const pick = fc.nat(1_000_000);
const dims = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 3, maxLength: 3 });
const leafExpr: fc.Arbitrary<ExprPlan> = fc.record({ op: fc.constant(0), pick, args: fc.constant([]) });

const recursive = fc.letrec<{ expr: ExprPlan; stmt: StmtPlan }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true, maxDepth: 3 },
    leafExpr,
    fc.record({ op: fc.nat(63), pick, args: fc.array(tie("expr"), { maxLength: 3 }) }),
  ),
  stmt: fc.oneof(
    { depthSize: "small", withCrossShrink: true, maxDepth: 2 },
    fc.record({ form: fc.nat(63), pick, expr: tie("expr"), other: tie("expr"), body: fc.constant([]), orelse: fc.constant([]) }),
    fc.record({
      form: fc.nat(63),
      pick,
      expr: tie("expr"),
      other: tie("expr"),
      body: fc.array(tie("stmt"), { maxLength: 4 }),
      orelse: fc.array(tie("stmt"), { maxLength: 2 }),
    }),
  ),
}));

const param: fc.Arbitrary<ParamPlan> = fc.record({
  kind: fc.nat(15),
  dims,
  dtype: fc.nat(15),
  axis: fc.nat(15),
  unmapped: fc.boolean(),
});

const constant: fc.Arbitrary<ConstantPlan> = fc.record({ kind: fc.nat(5), dims, pick });

export const programPlan: fc.Arbitrary<ProgramPlan> = fc.record({
  params: fc.array(param, { minLength: 1, maxLength: 3 }),
  constants: fc.array(constant, { maxLength: 3 }),
  body: fc.array(recursive.stmt, { maxLength: 6 }),
  result: fc.record({
    structure: fc.nat(47),
    leaves: fc.array(recursive.expr, { minLength: 1, maxLength: 2 }),
    outAxes: fc.array(fc.nat(7), { minLength: 2, maxLength: 2 }),
  }),
});
