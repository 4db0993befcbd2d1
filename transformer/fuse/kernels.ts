import type { Var } from "../ir";
import { type BatchedProgram, type Code, type CodeTree, type Kernel, type ScalarExpression, type ScalarOp, type Statement, refsOf } from "../batch/code";

type ScalarDefine = Extract<Statement, { define: Var }> & { readonly scalar: ScalarOp };

/**
 * Fuses chains of per-example scalar ops into kernels: one pass over the
 * batch, no intermediate tensors. A kernel computes in float64 JS numbers,
 * which is what the per-example function does with its `number`s.
 */
export function fuseKernels(program: BatchedProgram): BatchedProgram {
  const readers = readersOf(program.statements, program.result);
  return { ...program, statements: fuseBlock(program.statements, readers) };
}

/** Which statements read each value; `"result"` where the function's result does. */
type Readers = Map<Var, Set<Statement | "result">>;

function fuseBlock(statements: readonly Statement[], readers: Readers): Statement[] {
  const fused: Statement[] = [];
  let group: ScalarDefine[] = [];
  const flush = () => {
    if (group.length === 1) fused.push(group[0]);
    else if (group.length > 1) fused.push({ kernel: kernelOf(group, readers), node: group[group.length - 1].node });
    group = [];
  };
  for (const statement of statements) {
    if (isScalarDefine(statement)) {
      if (group.length > 0 && !sameLevels(group[0].scalar.levels, statement.scalar.levels)) flush();
      group.push(statement);
      continue;
    }
    const groupValues = new Set(group.map((member) => member.define));
    if ([...readsOf(statement)].some((read) => groupValues.has(read))) flush();
    fused.push(nested(statement, readers));
  }
  flush();
  return fused;
}

/** A branch or loop with its own blocks fused. */
function nested(statement: Statement, readers: Readers): Statement {
  if ("branch" in statement) return { ...statement, then: fuseBlock(statement.then, readers), else: fuseBlock(statement.else, readers) };
  if ("loop" in statement) return { ...statement, loop: fuseBlock(statement.loop, readers) };
  return statement;
}

function kernelOf(group: readonly ScalarDefine[], readers: Readers): Kernel {
  const members = new Set(group.map((member) => member.define));
  const inputs: Kernel["inputs"][number][] = [];
  const expressionOf = (operand: ScalarOp["operands"][number]): ScalarExpression => {
    if (!operand.batched) return { outside: operand.code };
    const source = (operand.code as Extract<Code, { ref: Var }>).ref;
    if (members.has(source)) return { step: source };
    let input = inputs.findIndex((known) => known.source === source);
    if (input < 0) input = inputs.push({ source, kind: operand.kind }) - 1;
    return { input };
  };
  const steps = group.map((member) => ({
    target: member.define,
    expression: { prim: member.scalar.prim, source: member.scalar.source, args: member.scalar.operands.map(expressionOf) },
    output: [...(readers.get(member.define) ?? [])].some((reader) => reader === "result" || !group.includes(reader as ScalarDefine)),
  }));
  return { inputs, steps };
}

function sameLevels(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((level, index) => level === b[index]);
}

function isScalarDefine(statement: Statement): statement is ScalarDefine {
  return "define" in statement && statement.scalar !== undefined;
}

/** The values a statement reads, those of its nested blocks included. */
function readsOf(statement: Statement): Set<Var> {
  const found = new Set<Var>();
  const codes: Code[] = [];
  if ("code" in statement && statement.code) codes.push(statement.code);
  if ("effect" in statement) codes.push(statement.effect);
  if ("branch" in statement) {
    codes.push(statement.branch);
    for (const inner of [...statement.then, ...statement.else]) readsOf(inner).forEach((read) => found.add(read));
  }
  if ("loop" in statement) for (const inner of statement.loop) readsOf(inner).forEach((read) => found.add(read));
  if ("breakUnless" in statement) codes.push(statement.breakUnless);
  if ("assign" in statement) found.add(statement.assign);
  for (const code of codes) refsOf(code, found);
  return found;
}

/** The values a statement reads itself, not through the blocks it holds. */
function ownReadsOf(statement: Statement): Set<Var> {
  if ("branch" in statement) return refsOf(statement.branch);
  if ("loop" in statement) return new Set();
  return readsOf(statement);
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
