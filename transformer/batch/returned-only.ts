import { type Equation, type Operand, type Program, type Var, allEquations, isVar, leavesOf } from "../ir";

/** How an equation reads a value: stacked as a result, chosen per example into `out`, or anything else. */
type Use = { readonly exit: Var } | { readonly choice: Var } | "computed";

/**
 * The values that are only returned: stacked by `outAxes` (perhaps after a
 * choice per example between them), never read by an op or a loop. Since no
 * example computes on with such a value, a choice between sides of two dtypes
 * may promote them, exactly as the reference's stacking of the examples does.
 */
export function returnedOnlyValues(program: Program): ReadonlySet<Var> {
  const uses = new Map<Var, Use[]>();
  const use = (operand: Operand, how: Use) => {
    if (!isVar(operand)) return;
    if (!uses.has(operand)) uses.set(operand, []);
    uses.get(operand)!.push(how);
  };
  for (const equation of allEquations(program.equations)) usesOf(equation, use);
  const results = new Set<Var>();
  leavesOf(program.result).forEach((leaf) => isVar(leaf) && results.add(leaf));
  const memo = new Map<Var, boolean>();
  const returnedOnly = (value: Var): boolean => {
    if (!memo.has(value)) {
      memo.set(value, false);
      const reads = uses.get(value) ?? [];
      const onlyStacked = reads.every((how) => how !== "computed" && returnedOnly("exit" in how ? how.exit : how.choice));
      memo.set(value, onlyStacked && (reads.length > 0 || results.has(value)));
    }
    return memo.get(value)!;
  };
  return new Set([...uses.keys(), ...results].filter(returnedOnly));
}

function usesOf(equation: Equation, use: (operand: Operand, how: Use) => void): void {
  switch (equation.op) {
    case "exit":
      return use(equation.value, { exit: equation.out });
    case "cond":
      use(equation.condition, "computed");
      equation.outs.forEach((out, index) => {
        use(equation.thenValues[index], { choice: out });
        use(equation.elseValues[index], { choice: out });
      });
      return;
    case "prim":
      if (equation.prim === "where" && equation.source.form === "conditional") {
        use(equation.args[0], "computed");
        use(equation.args[1], { choice: equation.out });
        use(equation.args[2], { choice: equation.out });
        return;
      }
      return equation.args.forEach((arg) => use(arg, "computed"));
    case "loop":
      return [...equation.initial, ...equation.next, equation.condition].forEach((operand) => use(operand, "computed"));
    case "meta":
      return use(equation.of, "computed");
    case "property":
      return use(equation.object, "computed");
    case "element":
      return [equation.object, equation.index].forEach((operand) => use(operand, "computed"));
    case "array":
      return equation.elements.forEach((element) => use(element, "computed"));
    case "template":
      return equation.spans.forEach((span) => use(span.value, "computed"));
    case "effect":
      return [equation.callee, ...equation.args].forEach((operand) => use(operand, "computed"));
    case "throw":
      return [...(equation.construct ? [equation.construct] : []), ...equation.args].forEach((operand) => use(operand, "computed"));
    case "enter":
      return use(equation.value, "computed");
    case "free":
      return;
  }
}
