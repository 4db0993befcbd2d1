import type { Var } from "../ir";
import { type BatchedOp, type BatchedProgram, type Code, type CodeTree, type Kernel, type Phase, type ScalarExpression, type Statement, refsOf } from "../batch/code";
import { isBooleanResult, primInfo } from "../prims";
import { isScalarPrim } from "./scalar";
import { undefinedHolders } from "./undefined-holders";

type OpDefine = Extract<Statement, { define: Var }> & { readonly op: BatchedOp };

/** How an op joins a kernel: per example, per element of the example, or as a reduction of all its elements. */
type Role = "scalar" | "element" | "reduce";

/**
 * Fuses chains of elementwise ops, and the full reductions that end them, into
 * kernels: one pass over the batch, no intermediate tensors. A kernel computes
 * in float64 JS numbers, which is what the per-example function does with its
 * `number`s; on tensors of other dtypes it runs the statements it replaced.
 */
export function fuseKernels(program: BatchedProgram): BatchedProgram {
  const context = { readers: readersOf(program.statements, program.result), undefinedHolders: undefinedHolders(program.statements) };
  return { ...program, statements: fuseBlock(program.statements, context) };
}

/** Which statements read each value; `"result"` where the function's result does. */
type Readers = Map<Var, Set<Statement | "result">>;

interface FuseContext {
  readonly readers: Readers;
  /** Values that may hold `undefined`, which no kernel reads. */
  readonly undefinedHolders: ReadonlySet<Var>;
}

interface Member {
  readonly statement: OpDefine;
  readonly role: Role;
  readonly phase: Phase;
}

/**
 * Groups the fusable ops of a block by what they share (a value one computes
 * and another reads, or a batched tensor both read), so each kernel is one
 * pass over tensors of one shape. A group runs where it is flushed, later than
 * its members were written, so it is flushed before the first statement that
 * reads one of its values, before the first that writes (assigns or declares)
 * a value it reads, and at the end of the block. A group whose values nothing
 * reads is dropped, unless it may throw.
 */
function fuseBlock(statements: readonly Statement[], context: FuseContext): Statement[] {
  const { readers, undefinedHolders } = context;
  const fused: Statement[] = [];
  let open: Member[][] = [];
  const flush = (group: readonly Member[]) => {
    if (!open.includes(group as Member[])) return;
    open = open.filter((other) => other !== group);
    // A group reading another open group's values comes after it.
    const reads = groupReads(group);
    for (const other of open.filter((candidate) => definesAny(candidate, reads))) flush(other);
    const kernel = group.length === 1 ? undefined : kernelOf(group, readers);
    const unread = kernel !== undefined && !kernel.steps.some((step) => step.output);
    // An unread group goes, unless an op of it may throw, as the per-example function would.
    if (kernel === undefined || (unread && group.some((member) => primInfo(member.statement.op.prim).throwsOnValues))) fused.push(...group.map((member) => member.statement));
    else if (!unread) fused.push({ kernel, node: group[group.length - 1].statement.node });
  };
  const flushWhere = (test: (group: readonly Member[]) => boolean) => {
    for (const group of open.filter(test)) flush(group);
  };
  for (const statement of statements) {
    // A choice nothing reads goes: choosing never throws in the per-example function, whatever its sides hold.
    if ("op" in statement && statement.op && isChoice(statement.op) && !readers.has(statement.define)) continue;
    const holdsUndefined = "op" in statement && [...readsOf(statement)].some((read) => undefinedHolders.has(read));
    const role = "op" in statement && statement.op && !holdsUndefined ? roleOf(statement.op, statement.define) : undefined;
    if (!role) {
      const reads = readsOf(statement);
      const writes = writesOf(statement);
      flushWhere((group) => definesAny(group, reads) || [...groupReads(group)].some((read) => writes.has(read)));
      fused.push(nested(statement, context));
      continue;
    }
    const op = (statement as OpDefine).op;
    // A value read inside an operand's code (`exampleShape(a)[0]`), not as the operand itself, is read where the kernel is called.
    flushWhere((group) => definesAny(group, hiddenReads(op)));
    // A value read beside the operands (a `select`'s masks) is read by the fallback: in the same group, or defined before it.
    const besides = readsBesideOperands(statement as OpDefine);
    const joinable = (group: Member[]) => sameLevels(group[0].statement.op.levels, op.levels) && phaseOf(role, op, group) !== undefined && !newElementInputs(group, op);
    flushWhere((group) => (readsFrom(group, op) || definesAny(group, besides)) && !joinable(group as Member[]));
    const related = open.filter((group) => (readsFrom(group, op) || sharesInput(group, op) || definesAny(group, besides)) && joinable(group));
    const merged = related.flat().sort((a, b) => statements.indexOf(a.statement) - statements.indexOf(b.statement));
    open = open.filter((group) => !related.includes(group));
    merged.push({ statement: statement as OpDefine, role, phase: phaseOf(role, op, merged)! });
    open.push(merged);
  }
  for (const group of [...open]) flush(group);
  return fused;
}

/** `c ? a : b`, an `if` or a loop update on a batched condition, joined as a per-example choice. */
function isChoice(op: BatchedOp): boolean {
  return op.prim === "where" && op.source.form === "conditional";
}

/** Every value a group's members read, those inside their operands' code included. */
function groupReads(group: readonly Member[]): Set<Var> {
  const found = new Set<Var>();
  for (const member of group) member.statement.op.operands.forEach((operand) => refsOf(operand.code, found));
  return found;
}

function definesAny(group: readonly Member[], values: ReadonlySet<Var>): boolean {
  return group.some((member) => values.has(member.statement.define));
}

/** Values an op reads inside the code of an operand, rather than as the operand. */
function hiddenReads(op: BatchedOp): Set<Var> {
  const found = new Set<Var>();
  for (const operand of op.operands) if (!("ref" in operand.code)) refsOf(operand.code, found);
  return found;
}

/** Values an op's statement reads that none of its operands' code does: arguments of its own, such as a `select`'s masks. */
function readsBesideOperands(statement: OpDefine): Set<Var> {
  const operandReads = new Set<Var>();
  for (const operand of statement.op.operands) refsOf(operand.code, operandReads);
  return new Set([...refsOf(statement.code)].filter((read) => !operandReads.has(read)));
}

function batchedRefs(op: BatchedOp, kind?: string): Var[] {
  return op.operands
    .filter((operand) => operand.levels.length > 0 && "ref" in operand.code && (kind === undefined || operand.kind === kind))
    .map((operand) => (operand.code as { ref: Var }).ref);
}

function readsFrom(group: readonly Member[], op: BatchedOp): boolean {
  const refs = batchedRefs(op);
  return group.some((member) => refs.includes(member.statement.define));
}

/** The tensors an op reads element by element, by key. */
function elementKeys(op: BatchedOp): string[] {
  return op.operands.flatMap((operand) => elementKey(operand) ?? []);
}

/** Whether an op reads a tensor that `group` reads too: fusing them reads it once. */
function sharesInput(group: readonly Member[], op: BatchedOp): boolean {
  const tensors = elementKeys(op);
  return group.some((member) => elementKeys(member.statement.op).some((read) => tensors.includes(read)));
}

/**
 * Whether an op would bring a group a tensor input it does not read yet. Its
 * examples may have another shape, and then the whole kernel would decline.
 */
function newElementInputs(group: readonly Member[], op: BatchedOp): boolean {
  if (!group.some((member) => elementKeys(member.statement.op).length > 0)) return false;
  const members = new Set(group.map((member) => `value ${member.statement.define.id}`));
  const known = new Set(group.flatMap((member) => elementKeys(member.statement.op)));
  return elementKeys(op).some((read) => !members.has(read) && !known.has(read));
}

/**
 * The key of a tensor an op reads element by element: a batched value, or an
 * unbatched one the kernel can read as it is (a value or a closed-over name).
 */
function elementKey(operand: BatchedOp["operands"][number]): string | undefined {
  if (operand.kind !== "tensor") return undefined;
  if ("ref" in operand.code) return `value ${operand.code.ref.id}`;
  if (operand.levels.length === 0 && "source" in operand.code) return `name ${operand.code.source.getText()}`;
  return undefined;
}

/** The key of any input: its element key, or the value it reads once per example. */
function inputKey(input: { readonly code: Code; readonly kind: string; readonly levels: readonly number[] }): string {
  return elementKey(input as BatchedOp["operands"][number]) ?? ("ref" in input.code ? `value ${input.code.ref.id}` : "");
}

function hintOf(code: Code): string {
  if ("ref" in code) return code.ref.hint;
  return "source" in code ? code.source.getText() : "value";
}

/** The role an op can take in a kernel, or undefined when it cannot join one. */
function roleOf(op: BatchedOp, out: Var): Role | undefined {
  const batched = op.operands.filter((operand) => operand.levels.length > 0);
  if (batched.some((operand) => !("ref" in operand.code))) return undefined;
  if (primInfo(op.prim).fusedReduction) {
    const [x, ...options] = op.operands;
    return x.kind === "tensor" && x.levels.length > 0 && options.every((option) => option.absent) ? "reduce" : undefined;
  }
  if (!isScalarPrim(op.prim)) return undefined;
  if (op.operands.some((operand) => operand.kind === "opaque" || (operand.kind === "tensor" && elementKey(operand) === undefined))) return undefined;
  return out.kind === "tensor" ? "element" : "scalar";
}

/** Where in the kernel an op runs; undefined when it needs a reduction of this kernel inside the element loop. */
function phaseOf(role: Role, op: BatchedOp, group: readonly Member[]): Phase | undefined {
  const phases = op.operands.map((operand) => {
    const member = "ref" in operand.code ? group.find((known) => known.statement.define === (operand.code as { ref: Var }).ref) : undefined;
    if (member) return member.phase;
    return operand.kind === "tensor" && operand.levels.length > 0 ? "element" : "example";
  });
  if (role === "reduce") return "reduced";
  if (role === "element") return phases.includes("reduced") ? undefined : "element";
  return phases.includes("reduced") ? "reduced" : "example";
}

/** A branch or loop with its own blocks fused. */
function nested(statement: Statement, context: FuseContext): Statement {
  if ("branch" in statement) return { ...statement, then: fuseBlock(statement.then, context), else: fuseBlock(statement.else, context) };
  if ("loop" in statement) return { ...statement, loop: fuseBlock(statement.loop, context) };
  return statement;
}

/**
 * The kernel of a group, or undefined where the dtype of a step depends on
 * more than a kernel knows: a `?:` between a boolean and a number (each
 * example keeps its side's dtype, as the runtime's `select` does), or a bool
 * Tensor meeting a JS number; or where JS's `===` is not numpy's `equal`, on a
 * boolean and a number.
 */
function kernelOf(group: readonly Member[], readers: Readers): Kernel | undefined {
  const statements = group.map((member) => member.statement);
  const members = new Set(statements.map((statement) => statement.define));
  const inputs: Kernel["inputs"][number][] = [];
  const expressionOf = (operand: BatchedOp["operands"][number]): ScalarExpression => {
    const key = elementKey(operand);
    if (operand.levels.length === 0 && key === undefined) return { outside: operand.code, kind: operand.kind };
    if ("ref" in operand.code && members.has(operand.code.ref)) return { step: operand.code.ref };
    let input = inputs.findIndex((known) => inputKey(known) === inputKey(operand));
    if (input < 0) {
      const phase = operand.levels.length === 0 ? "constant" : operand.kind === "tensor" ? "element" : "example";
      input = inputs.push({ code: operand.code, hint: hintOf(operand.code), kind: operand.kind, levels: operand.levels, phase }) - 1;
    }
    return { input };
  };
  const booleans = new Map<Var, boolean>();
  const isBoolean = (operand: BatchedOp["operands"][number]) =>
    "ref" in operand.code && booleans.has(operand.code.ref) ? booleans.get(operand.code.ref)! : operand.kind === "boolean";
  // A `?:` between a boolean and a number keeps each example's side; `===` would tell `true` from numpy's 1.
  // numpy's `sub` of two bools is a TypeError, which the op raises and a kernel's `-` would not.
  const mixesBooleans = (op: BatchedOp, operands: readonly BatchedOp["operands"][number][]) =>
    (op.prim === "where" && op.source.form === "conditional" && isBoolean(operands[1]) !== isBoolean(operands[2])) ||
    ((op.prim === "equal" || op.prim === "notEqual") && isBoolean(operands[0]) !== isBoolean(operands[1])) ||
    (op.prim === "sub" && op.source.form === "np" && operands.every(isBoolean));
  // A bool Tensor meeting a JS number takes int32 or float64 by the number's value (weak typing), and arithmetic on bool
  // Tensors alone gives int32 or a float by the op: neither is the one float dtype a kernel's step has.
  const boolTensor = (operand: BatchedOp["operands"][number]) => operand.kind === "tensor" && isBoolean(operand);
  const typedByValue = (op: BatchedOp, operands: readonly BatchedOp["operands"][number][]) => {
    if (primInfo(op.prim).booleanResult === "always") return false;
    const met = op.prim === "where" ? operands.slice(1) : operands;
    if (met.some(boolTensor) && met.some((operand) => operand.kind === "number")) return true;
    return met.length > 0 && met.every(boolTensor) && !isBooleanResult(op.prim, operands.map(isBoolean), op.source);
  };
  const steps = group.map(({ statement, role, phase }) => {
    const operands = statement.op.operands.filter((operand) => !operand.absent);
    // A full reduction gives a JS number, whatever its elements' dtype.
    if (mixesBooleans(statement.op, operands) || (role !== "reduce" && typedByValue(statement.op, operands))) return undefined;
    const boolean = role !== "reduce" && isBooleanResult(statement.op.prim, operands.map(isBoolean), statement.op.source);
    booleans.set(statement.define, boolean);
    return {
      target: statement.define,
      expression: { prim: statement.op.prim, source: statement.op.source, args: operands.map(expressionOf) },
      phase,
      reduction: role === "reduce" ? primInfo(statement.op.prim).fusedReduction : undefined,
      boolean,
      output: [...(readers.get(statement.define) ?? [])].some((reader) => reader === "result" || !statements.includes(reader as OpDefine)),
    };
  });
  if (!steps.every((step) => step !== undefined)) return undefined;
  return { levels: group[0].statement.op.levels, inputs, steps, fallback: statements };
}

function sameLevels(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((level, index) => level === b[index]);
}

/** The values a statement reads, those of its nested blocks included. */
function readsOf(statement: Statement): Set<Var> {
  const found = ownReadsOf(statement);
  const inner = "branch" in statement ? [...statement.then, ...statement.else] : "loop" in statement ? statement.loop : [];
  for (const nestedStatement of inner) readsOf(nestedStatement).forEach((read) => found.add(read));
  return found;
}

/** The values a statement assigns or declares, those of its nested blocks included. */
function writesOf(statement: Statement): Set<Var> {
  const found = new Set<Var>();
  const visit = (inner: Statement) => {
    if ("assign" in inner) found.add(inner.assign);
    if ("declare" in inner) found.add(inner.declare);
    if ("branch" in inner) [...inner.then, ...inner.else].forEach(visit);
    if ("loop" in inner) inner.loop.forEach(visit);
  };
  visit(statement);
  return found;
}

/** The values a statement reads itself, not through the blocks it holds. */
function ownReadsOf(statement: Statement): Set<Var> {
  if ("branch" in statement) return refsOf(statement.branch);
  if ("loop" in statement) return new Set();
  const found = new Set<Var>();
  if ("code" in statement && statement.code) refsOf(statement.code, found);
  if ("effect" in statement) refsOf(statement.effect, found);
  if ("throw" in statement) refsOf(statement.throw, found);
  if ("breakUnless" in statement) refsOf(statement.breakUnless, found);
  if ("emptyBatch" in statement) found.add(statement.emptyBatch);
  if ("assign" in statement) found.add(statement.assign);
  return found;
}

function readersOf(statements: readonly Statement[], result: CodeTree): Readers {
  const readers: Readers = new Map();
  const add = (value: Var, reader: Statement | "result") => {
    if (!readers.has(value)) readers.set(value, new Set());
    readers.get(value)!.add(reader);
  };
  const visit = (statement: Statement) => {
    for (const read of ownReadsOf(statement)) add(read, statement);
    if ("branch" in statement) [...statement.then, ...statement.else].forEach(visit);
    if ("loop" in statement) statement.loop.forEach(visit);
  };
  statements.forEach(visit);
  const visitTree = (tree: CodeTree): void => {
    if ("leaf" in tree) refsOf(tree.leaf).forEach((read) => add(read, "result"));
    else if ("array" in tree) tree.array.forEach(visitTree);
    else tree.object.forEach(({ value }) => visitTree(value));
  };
  visitTree(result);
  return readers;
}
