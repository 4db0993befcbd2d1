import { DiagnosticCode, TsvmapError } from "../diagnostics";
import type { Equation, Var } from "../ir";
import { type Batcher, union } from "./batch";
import { type Code, helper, np, ref, refsOf } from "./code";

/** `where` as written for `?:`: a choice per example. */
const selection = { form: "conditional" } as const;

type CondEquation = Extract<Equation, { op: "cond" }>;
type LoopEquation = Extract<Equation, { op: "loop" }>;

/**
 * Transforms `if` on an unbatched condition into a JS `if`: only the taken
 * branch runs, effects included. On a batched condition both branches run and
 * each output is a `where`, as JAX's `cond` becomes `select` under vmap.
 */
export function batchCond(batcher: Batcher, equation: CondEquation): void {
  if (batcher.levels(equation.condition).length === 0) {
    const thenStatements = batcher.into(() => batcher.batchEquations(equation.then));
    const elseStatements = batcher.into(() => batcher.batchEquations(equation.else));
    equation.outs.forEach((out, index) => {
      const levels = union([batcher.levels(equation.thenValues[index]), batcher.levels(equation.elseValues[index])]);
      batcher.setLevels(out, levels);
      batcher.push({ declare: out, node: equation.node });
      thenStatements.push({ assign: out, code: batcher.alignTo(equation.thenValues[index], levels), node: equation.node });
      elseStatements.push({ assign: out, code: batcher.alignTo(equation.elseValues[index], levels), node: equation.node });
    });
    batcher.push({ branch: batcher.code(equation.condition), then: thenStatements, else: elseStatements, node: equation.node });
    return;
  }
  const condition = batcher.code(equation.condition);
  batcher.under(condition, equation.condition, () => batcher.batchEquations(equation.then));
  batcher.under(np("logicalNot", condition), equation.condition, () => batcher.batchEquations(equation.else));
  equation.outs.forEach((out, index) => {
    requireNumeric(out, equation, "a branch on a batched condition");
    batcher.defineBatched(out, "where", [equation.condition, equation.thenValues[index], equation.elseValues[index]], selection, equation.node);
  });
}

/**
 * Transforms a loop into a JS loop over the per-example work, never over the
 * batch. A carried value is batched when its start, its update or the test is;
 * with a batched test the loop runs until no example continues, and finished
 * examples keep their values (a `where` on the test).
 */
export function batchLoop(batcher: Batcher, equation: LoopEquation): void {
  const levels = carriedLevels(batcher, equation);
  equation.carried.forEach((carried, index) => {
    batcher.setLevels(carried, levels[index]);
    batcher.push({ declare: carried, code: batcher.alignTo(equation.initial[index], levels[index]), node: equation.node });
  });
  const updates: { carried: Var; code: Code }[] = [];
  const body = batcher.into(() => {
    batcher.batchEquations(equation.test);
    const masked = batcher.levels(equation.condition).length > 0;
    const test = batcher.code(equation.condition);
    batcher.push({ breakUnless: masked ? helper("anyActive", test) : test, node: equation.node });
    if (masked) batcher.under(test, equation.condition, () => batcher.batchEquations(equation.body));
    else batcher.batchEquations(equation.body);
    const assigned: Var[] = [];
    equation.carried.forEach((carried, index) => {
      const next = equation.next[index];
      if (next === carried) return;
      assigned.push(carried);
      if (masked) {
        requireNumeric(carried, equation, "a loop with a batched test");
        const kept = batcher.newVar(`${carried.hint}Next`, carried.kind);
        batcher.defineBatched(kept, "where", [equation.condition, next, carried], selection, equation.node);
        updates.push({ carried, code: ref(kept) });
        return;
      }
      const code = batcher.alignTo(next, levels[index]);
      updates.push({ carried, code: [...refsOf(code)].some((read) => assigned.slice(0, -1).includes(read)) ? staged(batcher, carried, code, equation) : code });
    });
    for (const { carried, code } of updates) batcher.push({ assign: carried, code, node: equation.node });
  });
  batcher.push({ loop: body, node: equation.node });
}

/** The levels of each carried value: widened until one more iteration adds none. */
function carriedLevels(batcher: Batcher, equation: LoopEquation): (readonly number[])[] {
  let levels = equation.initial.map((initial) => batcher.levels(initial));
  for (;;) {
    const current = levels;
    const widened = batcher.trial(() => {
      equation.carried.forEach((carried, index) => batcher.setLevels(carried, current[index]));
      batcher.batchEquations(equation.test);
      const testLevels = batcher.levels(equation.condition);
      batcher.batchEquations(equation.body);
      return equation.next.map((next, index) => union([current[index], batcher.levels(next), testLevels]));
    });
    if (widened.every((next, index) => next.length === current[index].length)) return current;
    levels = widened;
  }
}

/** An update computed into a `const` first, because it reads a carried value assigned before it in the same iteration. */
function staged(batcher: Batcher, carried: Var, code: Code, equation: LoopEquation): Code {
  const next = batcher.newVar(`${carried.hint}Next`, carried.kind);
  batcher.define(next, code, batcher.levels(carried), equation.node);
  return ref(next);
}

function requireNumeric(value: Var, equation: Equation, where: string): void {
  if (value.kind === "opaque") {
    throw new TsvmapError(DiagnosticCode.DataDependentShape, `\`${value.hint}\` is not a number, boolean or Tensor, so it cannot be chosen per example in ${where}`, equation.node);
  }
}
