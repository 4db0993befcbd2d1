import type * as ts from "typescript";
import { type Statement, refsOf } from "./batch/code";
import type { BatchedProgram } from "./batch/code";
import { DiagnosticCode, TsvmapError } from "./diagnostics";
import { type Equation, type Program, type Var, isVar, operandsOf } from "./ir";
import { abstractResult } from "./prims";

/**
 * The IR verifier, run between the stages on every call site: a violation is
 * a bug of tsvmap, reported as an internal error at the site, never emitted
 * code. It checks what the stages rely on and no stage re-checks:
 * - lowered: every value is defined before it is used, and every primitive's
 *   kind and rank are its abstract evaluation from its operands;
 * - batched: every value the code reads is defined before, in scope;
 * - fused: every statement reads each value at the same version (after the
 *   same assignments) as before fusion moved the kernels.
 */
export function verifyLowered(program: Program, site: ts.Node): void {
  const defined = new Set<Var>(program.params);
  const walk = (equations: readonly Equation[], scope: Set<Var>) => {
    for (const equation of equations) {
      for (const operand of operandsOf(equation)) if (isVar(operand) && !scope.has(operand)) fail(site, `\`${equation.op}\` reads \`${operand.hint}\` (#${operand.id}) before it is defined`);
      if (equation.op === "prim") {
        const operands = equation.args.map((arg) => (isVar(arg) ? { kind: arg.kind, rank: arg.rank } : { kind: literalKind(arg.literal), rank: 0, literal: arg.literal }));
        const expected = abstractResult(equation.prim, operands, equation.source);
        if (expected.kind !== equation.out.kind) fail(site, `\`${equation.prim}\` gives a ${expected.kind} but its result \`${equation.out.hint}\` is a ${equation.out.kind}`);
        if (expected.rank !== undefined && equation.out.rank !== undefined && expected.rank !== equation.out.rank) {
          fail(site, `\`${equation.prim}\` gives rank ${expected.rank} but its result \`${equation.out.hint}\` has rank ${equation.out.rank}`);
        }
      }
      if (equation.op === "cond") {
        const thenScope = new Set(scope);
        walk(equation.then, thenScope);
        equation.thenValues.forEach((value) => isVar(value) && !thenScope.has(value) && fail(site, `a branch gives \`${value.hint}\` before it is defined`));
        const elseScope = new Set(scope);
        walk(equation.else, elseScope);
        equation.elseValues.forEach((value) => isVar(value) && !elseScope.has(value) && fail(site, `a branch gives \`${value.hint}\` before it is defined`));
      }
      if (equation.op === "loop") {
        const body = new Set([...scope, ...equation.carried]);
        walk(equation.test, body);
        if (isVar(equation.condition) && !body.has(equation.condition)) fail(site, "a loop's test reads a value before it is defined");
        walk(equation.body, body);
        equation.next.forEach((value, index) => {
          if (isVar(value) && !body.has(value)) fail(site, `a loop carries \`${value.hint}\` before it is defined`);
          const carried = equation.carried[index];
          const kind = isVar(value) ? value.kind : literalKind(value.literal);
          const widens = carried.kind === "tensor" && (kind === "number" || kind === "boolean");
          if (kind !== carried.kind && !widens) fail(site, `the loop carries \`${carried.hint}\` as a ${carried.kind} but its body makes it a ${kind}`);
        });
      }
      for (const out of outsOf(equation)) scope.add(out);
    }
  };
  walk(program.equations, defined);
}

export function verifyBatched(program: BatchedProgram, site: ts.Node): void {
  const walk = (statements: readonly Statement[], scope: Set<Var>) => {
    for (const statement of statements) {
      for (const read of readsOf(statement)) if (!scope.has(read)) fail(site, `the batched code reads \`${read.hint}\` (#${read.id}) before it is defined`);
      if ("branch" in statement) {
        walk(statement.then, new Set(scope));
        walk(statement.else, new Set(scope));
      }
      if ("loop" in statement) walk(statement.loop, new Set(scope));
      if ("kernel" in statement) {
        walk(statement.kernel.fallback, new Set(scope));
        statement.kernel.steps.forEach((step) => step.output && scope.add(step.target));
      }
      if ("define" in statement) scope.add(statement.define);
      if ("declare" in statement) scope.add(statement.declare);
    }
  };
  const scope = new Set<Var>(program.params);
  walk(program.statements, scope);
  const result: Var[] = [];
  const visit = (tree: BatchedProgram["result"]): void => {
    if ("leaf" in tree) refsOf(tree.leaf).forEach((read) => result.push(read));
    else if ("array" in tree) tree.array.forEach(visit);
    else tree.object.forEach(({ value }) => visit(value));
  };
  visit(program.result);
  for (const read of result) if (!scope.has(read)) fail(site, `the result reads \`${read.hint}\` (#${read.id}) before it is defined`);
}

/** After fusion: defined before use still holds, and each moved statement sees the values it saw before. */
export function verifyFused(before: BatchedProgram, after: BatchedProgram, site: ts.Node): void {
  verifyBatched(after, site);
  compareVersions(before.statements, after.statements, site);
}

/** Versions of each value read, statement by statement, in two orders of the same block. */
function compareVersions(original: readonly Statement[], fused: readonly Statement[], site: ts.Node): void {
  const seen = versionsSeen(original);
  const moved = versionsSeen(expandKernels(fused));
  for (const [statement, versions] of moved) {
    const expected = seen.get(statement);
    if (!expected) continue;
    for (const [value, version] of versions) {
      if (expected.get(value) !== version) fail(site, `fusion moved a statement past an assignment of \`${value.hint}\` (#${value.id}) that it reads`);
    }
  }
  const originalNested = original.filter(isNested);
  const fusedNested = fused.filter(isNested);
  originalNested.forEach((statement, index) => {
    const other = fusedNested[index];
    if ("branch" in statement && other && "branch" in other) {
      compareVersions(statement.then, other.then, site);
      compareVersions(statement.else, other.else, site);
    } else if ("loop" in statement && other && "loop" in other) compareVersions(statement.loop, other.loop, site);
  });
}

function isNested(statement: Statement): boolean {
  return "branch" in statement || "loop" in statement;
}

/** A fused block with each kernel replaced by the statements it computes, all run where the kernel runs. */
function expandKernels(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((statement) => ("kernel" in statement ? statement.kernel.fallback : [statement]));
}

function versionsSeen(statements: readonly Statement[]): Map<Statement, Map<Var, number>> {
  const writes = new Map<Var, number>();
  const seen = new Map<Statement, Map<Var, number>>();
  for (const statement of statements) {
    seen.set(statement, new Map([...readsOf(statement)].map((read) => [read, writes.get(read) ?? 0])));
    for (const written of writesOf(statement)) writes.set(written, (writes.get(written) ?? 0) + 1);
  }
  return seen;
}

function readsOf(statement: Statement): Set<Var> {
  const found = new Set<Var>();
  if ("code" in statement && statement.code) refsOf(statement.code, found);
  if ("effect" in statement) refsOf(statement.effect, found);
  if ("throw" in statement) refsOf(statement.throw, found);
  if ("breakUnless" in statement) refsOf(statement.breakUnless, found);
  if ("emptyBatch" in statement) found.add(statement.emptyBatch);
  if ("branch" in statement) refsOf(statement.branch, found);
  if ("assign" in statement) refsOf(statement.code, found);
  if ("kernel" in statement) {
    const inside = new Set(statement.kernel.fallback.flatMap((member) => ("define" in member ? [member.define] : [])));
    statement.kernel.fallback.forEach((member) => readsOf(member).forEach((read) => inside.has(read) || found.add(read)));
  }
  return found;
}

function writesOf(statement: Statement): Var[] {
  if ("assign" in statement) return [statement.assign];
  if ("declare" in statement) return [statement.declare];
  if ("branch" in statement) return [...statement.then, ...statement.else].flatMap(writesOf);
  if ("loop" in statement) return statement.loop.flatMap(writesOf);
  return [];
}

function outsOf(equation: Equation): readonly Var[] {
  if (equation.op === "cond") return equation.outs;
  if (equation.op === "loop") return equation.carried;
  if (equation.op === "effect" || equation.op === "throw") return [];
  return [equation.out];
}

function literalKind(literal: unknown): Var["kind"] {
  return typeof literal === "number" ? "number" : typeof literal === "boolean" ? "boolean" : "opaque";
}

function fail(site: ts.Node, message: string): never {
  throw new TsvmapError(DiagnosticCode.InternalError, `internal error in tsvmap: ${message}. Please report this as a tsvmap bug, with this call`, site);
}
