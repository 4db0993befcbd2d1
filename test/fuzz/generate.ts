import type { AxisSpec, Expr, FuzzModule, InputDtype, InputNode, ModuleStatement, ParamType, Stmt } from "./ast";
import { asNumberIfBoolean } from "./coerce";
import { buildExpr } from "./ops";
import type { ConstantPlan, ExprPlan, ParamPlan, ProgramPlan } from "./plan";
import { type ArrayConstant, Scope, type Variable, choice, read } from "./scope";
import { buildResult } from "./results";
import { buildStatement } from "./statements";
import { writtenAxis } from "./shapes";

/** The batch sizes every program runs at: empty, one, two and more. */
export const fuzzBatchSizes = [0, 1, 2, 5];

const dtypes: readonly InputDtype[] = ["float64", "float64", "float32", "int32", "float64", "int32-wide"];

/** One parameter: its declaration, axis spec, input, the names the body reads, and statements that unpack it. */
interface BuiltParam {
  readonly name: string;
  readonly type: ParamType;
  readonly spec: AxisSpec;
  readonly input: InputNode;
  readonly variables: readonly Omit<Variable, "batched">[];
  readonly prologue: readonly Stmt[];
  readonly mapped: boolean;
}

/** A Tensor leaf of per-example `shape`, mapped at the planned axis unless unmapped. */
function tensorLeaf(plan: ParamPlan, shape: readonly number[], mapped: boolean): { spec: AxisSpec; input: InputNode } {
  const dtype = dtypes[plan.dtype % dtypes.length];
  if (!mapped) return { spec: null, input: { kind: "tensor", shape, dtype } };
  const axis = plan.axis % (shape.length + 1);
  const input = [...shape.slice(0, axis), "batch" as const, ...shape.slice(axis)];
  return { spec: writtenAxis(axis, shape.length + 1, plan.axis >= 8), input: { kind: "tensor", shape: input, dtype } };
}

function numberLeaf(plan: ParamPlan, mapped: boolean): { spec: AxisSpec; input: InputNode } {
  // Integers as well as fractions: a JS number meets int32 data in int32 only when it is an integer.
  if (!mapped) return { spec: null, input: { kind: "scalar", integer: plan.dtype % 3 === 0 } };
  return { spec: plan.axis % 2 === 0 ? 0 : -1, input: { kind: "tensor", shape: ["batch"], dtype: plan.dtype % 3 === 0 ? "numbers" : "float64" } };
}

function buildParam(plan: ParamPlan, index: number, forceMapped: boolean): BuiltParam {
  const name = `p${index}`;
  const mapped = forceMapped || !plan.unmapped;
  const kind = plan.kind % 6;
  const shapeOfRank = (rank: number) => plan.dims.slice(0, rank);
  if (kind === 0) {
    const { spec, input } = numberLeaf(plan, mapped);
    return { name, type: { kind: "number" }, spec, input, variables: [{ name, type: { kind: "number" }, mutable: false }], prologue: [], mapped };
  }
  if (kind <= 3) {
    const shape = shapeOfRank(kind);
    const { spec, input } = tensorLeaf(plan, shape, mapped);
    return { name, type: { kind: "Tensor" }, spec, input, variables: [{ name, type: { kind: "tensor", shape }, mutable: false }], prologue: [], mapped };
  }
  // A structure of a number and a Tensor: a tuple unpacked by destructuring, or an object read by member.
  const shape = shapeOfRank(1 + (plan.kind % 2));
  // One spec for the whole structure maps every leaf at axis 0.
  const wholeSpec = mapped && plan.axis % 3 === 0;
  const leafPlan = wholeSpec ? { ...plan, axis: 0 } : plan;
  const number = numberLeaf(leafPlan, mapped && plan.axis % 3 !== 2);
  const tensor = tensorLeaf(leafPlan, shape, mapped);
  const leafTypes: ParamType[] = [{ kind: "number" }, { kind: "Tensor" }];
  const values = [{ kind: "number" } as const, { kind: "tensor", shape } as const];
  if (kind === 4) {
    // Read by element mostly: a destructured parameter is refused today and would hide the rest of the program.
    const destructured = plan.dtype % 3 === 2;
    const names = destructured ? [`${name}n`, `${name}t`] : [`${name}[0]`, `${name}[1]`];
    return {
      name,
      type: { kind: "tuple", items: leafTypes },
      spec: wholeSpec ? 0 : [number.spec, tensor.spec],
      input: { kind: "tuple", items: [number.input, tensor.input] },
      variables: names.map((n, i) => ({ name: n, type: values[i], mutable: false })),
      prologue: destructured ? [{ kind: "destructure", pattern: "array", names, from: { kind: "name", name } }] : [],
      mapped,
    };
  }
  const keys = ["u", "w"];
  return {
    name,
    type: { kind: "object", keys, items: leafTypes },
    spec: wholeSpec ? 0 : { u: number.spec, w: tensor.spec },
    input: { kind: "object", keys, items: [number.input, tensor.input] },
    variables: keys.map((key, i) => ({ name: `${name}.${key}`, type: values[i], mutable: false })),
    prologue: [],
    mapped,
  };
}

function constantValues(plan: ConstantPlan, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (choice(plan.pick, i % 7, 9) - 4 + i) / 2);
}

function nested(values: readonly number[], shape: readonly number[]): Expr {
  if (shape.length <= 1) return { kind: "array", items: values.map((value) => ({ kind: "number", value })) };
  const rowSize = values.length / shape[0];
  return { kind: "array", items: Array.from({ length: shape[0] }, (_, r) => nested(values.slice(r * rowSize, (r + 1) * rowSize), shape.slice(1))) };
}

/** A module-level constant the per-example function closes over: a number, a JS array or a Tensor. */
function buildConstant(plan: ConstantPlan, index: number): { statement: ModuleStatement; variable?: Variable; array?: ArrayConstant } {
  const kind = plan.kind % 3;
  if (kind === 0) {
    const name = `K${index}`;
    const [value] = constantValues(plan, 1);
    return { statement: { kind: "constant", name, init: { kind: "number", value } }, variable: { name, type: { kind: "number" }, batched: false, mutable: false, constant: true, value } };
  }
  if (kind === 1) {
    const name = `A${index}`;
    const length = plan.dims[0] + 1;
    return { statement: { kind: "constant", name, init: nested(constantValues(plan, length), [length]) }, array: { name, length } };
  }
  const name = `T${index}`;
  const shape = plan.dims.slice(0, 1 + (plan.pick % 2));
  const values = constantValues(plan, shape.reduce((a, b) => a * b, 1));
  return {
    statement: { kind: "constant", name, init: { kind: "call", callee: "np.array", args: [nested(values, shape)] } },
    variable: { name, type: { kind: "tensor", shape }, batched: false, mutable: false, constant: true },
  };
}

/** Builds the module a plan describes: always well-typed, well-shaped, and with at least one mapped argument. */
export function buildModule(plan: ProgramPlan): FuzzModule {
  const constants = plan.constants.map(buildConstant);
  const scope = Scope.root(constants.flatMap((c) => (c.array ? [c.array] : [])));
  const firstMapped = plan.params.findIndex((p) => !p.unmapped);
  // With nothing mapped, a quarter of the programs give axisSize (and run at that batch size only); the rest map the first argument.
  const unmappedSize = firstMapped === -1 && plan.params[0].axis % 4 === 0 ? 1 + (plan.params[0].dims[0] % 3) : undefined;
  const params = plan.params.map((p, i) => buildParam(p, i, firstMapped === -1 && i === 0 && unmappedSize === undefined));
  for (const param of params) for (const v of param.variables) scope.declare({ ...v, batched: param.mapped });
  for (const c of constants) if (c.variable) scope.declare(c.variable);
  const firstLocal = scope.variables.length;
  const body = plan.body.flatMap((statement) => buildStatement(statement, scope));
  const locals = scope.variables.slice(firstLocal);
  // A plain result reads what the body computed, the latest first.
  const leafValue = (leaf: ExprPlan) =>
    leaf.op === 0 && locals.length > 0 ? read(locals[locals.length - 1 - (leaf.pick % locals.length)]) : buildExpr(leaf, scope);
  const leaves = plan.result.leaves.map((leaf) => asNumberIfBoolean(leafValue(leaf)));
  const result = buildResult(leaves, plan.result.structure, plan.result.outAxes);
  const inSpec = params.map((p) => p.spec);
  const defaultIn = inSpec.every((spec) => spec === 0);
  const defaultOut = result.allZero && plan.result.structure % 2 === 0;
  const inAxes = unmappedSize === undefined ? inSpec : plan.params[0].dtype % 2 === 0 ? null : inSpec;
  return {
    statements: [...constants.map((c) => c.statement), ...scope.helpers()],
    fn: {
      params: params.map((p) => ({ name: p.name, type: p.type })),
      body: [...params.flatMap((p) => p.prologue), ...body, { kind: "return", value: result.value }],
    },
    options: {
      ...(defaultIn && unmappedSize === undefined ? {} : { inAxes }),
      ...(defaultOut ? {} : { outAxes: result.outAxes }),
      ...(unmappedSize === undefined ? {} : { axisSize: unmappedSize }),
    },
    inputs: params.map((p) => p.input),
    batchSizes: unmappedSize === undefined ? fuzzBatchSizes : [unmappedSize],
  };
}
