import { type Equation, type Operand, type Program, type Var, isVar, leavesOf, operandsOf } from "../ir";

/**
 * Drops the joins nothing reads: an `if`/`else` (or `switch`) output, or a
 * `?:`, whose value the function overwrites before reading it (`v = table[k]`
 * in every case of a `switch`, then `v = ...`). Batched, a join is a choice of
 * each example's side, which cannot hold the `undefined` that a read past an
 * array's end gives, and would throw where the per-example function, which
 * never reads the value, does not. A join computes nothing else, so dropping
 * it changes no result; every other op stays, as it may throw for the
 * reference too.
 */
export function dropUnreadJoins(program: Program): Program {
  const read = readValues(program);
  const keep = (equations: readonly Equation[]): Equation[] =>
    equations.flatMap((equation): Equation[] => {
      if (equation.op === "prim" && equation.source.form === "conditional" && !read.has(equation.out)) return [];
      if (equation.op === "loop") return [{ ...equation, test: keep(equation.test), body: keep(equation.body) }];
      if (equation.op !== "cond") return [equation];
      const kept = equation.outs.flatMap((out, index) => (read.has(out) ? [index] : []));
      return [
        {
          ...equation,
          then: keep(equation.then),
          else: keep(equation.else),
          outs: kept.map((index) => equation.outs[index]),
          thenValues: kept.map((index) => equation.thenValues[index]),
          elseValues: kept.map((index) => equation.elseValues[index]),
        },
      ];
    });
  return { ...program, equations: keep(program.equations) };
}

/** The values something reads: a join's sides only where its output is read, found again until nothing more is. */
function readValues(program: Program): ReadonlySet<Var> {
  const read = new Set<Var>();
  const mark = (operands: readonly Operand[]) => operands.forEach((operand) => isVar(operand) && read.add(operand));
  const visit = (equations: readonly Equation[]): void => {
    for (const equation of equations) {
      switch (equation.op) {
        case "cond":
          mark([equation.condition]);
          equation.outs.forEach((out, index) => read.has(out) && mark([equation.thenValues[index], equation.elseValues[index]]));
          visit(equation.then);
          visit(equation.else);
          break;
        case "loop":
          mark([...equation.initial, equation.condition, ...equation.next]);
          visit(equation.test);
          visit(equation.body);
          break;
        case "prim":
          if (equation.source.form !== "conditional" || read.has(equation.out)) mark(equation.args);
          break;
        default:
          mark(operandsOf(equation));
      }
    }
  };
  mark(leavesOf(program.result));
  for (let size = -1; size !== read.size; ) {
    size = read.size;
    visit(program.equations);
  }
  return read;
}
