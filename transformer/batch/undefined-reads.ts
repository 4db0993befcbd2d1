import type * as ts from "typescript";
import { type Equation, type Operand, type Program, type Var, allEquations, isVar, leavesOf } from "../ir";

/** How an equation reads a value that may be `undefined`: passes it on as `out`, turns it into NaN, or sees it. */
type Use = { readonly passes: Var } | "as NaN" | "sees undefined";

/**
 * The reads `table[k]` (a closed-over array of numbers at a batched `k`) whose
 * `undefined` past the end some example may see. A batch holds numbers, so
 * compiled code reads NaN there; that is what JS arithmetic, comparisons,
 * `Math.*` and bit operators make of `undefined` too. Anything else sees the
 * difference (an `np` op, a result, `===`, `Number.isNaN`, `&&`, a loop that
 * carries it on), so for those reads a past-the-end index must be an error,
 * never a NaN the per-example function would not have had.
 */
export function readsSeeingUndefined(program: Program, syntax: typeof ts.SyntaxKind): ReadonlySet<Var> {
  const uses = new Map<Var, Use[]>();
  const use = (operand: Operand, how: Use) => {
    if (!isVar(operand)) return;
    if (!uses.has(operand)) uses.set(operand, []);
    uses.get(operand)!.push(how);
  };
  const reads: Var[] = [];
  for (const equation of allEquations(program.equations)) {
    if (equation.op === "element" && equation.out.kind === "number") reads.push(equation.out);
    usesOf(equation, use, syntax);
  }
  const results = new Set<Var>();
  leavesOf(program.result).forEach((leaf) => isVar(leaf) && results.add(leaf));
  const memo = new Map<Var, boolean>();
  const seen = (value: Var): boolean => {
    if (!memo.has(value)) {
      memo.set(value, false);
      memo.set(value, results.has(value) || (uses.get(value) ?? []).some((how) => how === "sees undefined" || (how !== "as NaN" && seen(how.passes))));
    }
    return memo.get(value)!;
  };
  return new Set(reads.filter(seen));
}

/**
 * The values a branch join (`if`, `?:`) or a loop may have carried an
 * `undefined` read past an array's end into (`let v = table[k]; ...
 * Math.min(v, x)`), the reads themselves left out: an unbatched read is
 * `numberReads` of the batcher, and a batched one is a gather, NaN past the end.
 */
export function valuesCarryingUndefined(program: Program): ReadonlySet<Var> {
  const reads = new Set<Var>();
  const carrying = new Set<Var>();
  const holds = (operand: Operand) => isVar(operand) && (reads.has(operand) || carrying.has(operand));
  const equations = [...allEquations(program.equations)];
  for (const equation of equations) if (equation.op === "element" && equation.out.kind === "number") reads.add(equation.out);
  for (let changed = true; changed; ) {
    changed = false;
    const add = (value: Var) => {
      if (carrying.has(value) || reads.has(value)) return;
      carrying.add(value);
      changed = true;
    };
    for (const equation of equations) {
      if (equation.op === "cond") equation.outs.forEach((out, index) => (holds(equation.thenValues[index]) || holds(equation.elseValues[index])) && add(out));
      if (equation.op === "prim" && equation.source.form === "conditional" && (holds(equation.args[1]) || holds(equation.args[2]))) add(equation.out);
      if (equation.op === "loop") equation.carried.forEach((carried, index) => (holds(equation.initial[index]) || holds(equation.next[index])) && add(carried));
    }
  }
  return carrying;
}

/** Whether a JS operator or `Math`/`Number` function takes `undefined` exactly as NaN, as `jsNumber` turns it. */
export function takesUndefinedAsNaN(source: Extract<Equation, { op: "prim" }>["source"], syntax: typeof ts.SyntaxKind): boolean {
  return (source.form === "operator" && operatorTakesNaN(source.token, syntax)) || (source.form === "math" && !(source.global === "Number" && source.name === "isNaN"));
}

/** JS operators that treat `undefined` exactly as NaN: arithmetic, order comparisons, bit operations, `!`. */
function operatorTakesNaN(token: ts.SyntaxKind, syntax: typeof ts.SyntaxKind): boolean {
  switch (token) {
    case syntax.EqualsEqualsEqualsToken:
    case syntax.ExclamationEqualsEqualsToken:
    case syntax.EqualsEqualsToken:
    case syntax.ExclamationEqualsToken:
    case syntax.AmpersandAmpersandToken:
    case syntax.BarBarToken:
    case syntax.QuestionQuestionToken:
      return false;
    default:
      return true;
  }
}

function usesOf(equation: Equation, use: (operand: Operand, how: Use) => void, syntax: typeof ts.SyntaxKind): void {
  switch (equation.op) {
    case "cond":
      use(equation.condition, "as NaN");
      equation.outs.forEach((out, index) => {
        use(equation.thenValues[index], { passes: out });
        use(equation.elseValues[index], { passes: out });
      });
      return;
    case "prim": {
      const { source } = equation;
      if (source.form === "conditional") {
        use(equation.args[0], "as NaN");
        use(equation.args[1], { passes: equation.out });
        use(equation.args[2], { passes: equation.out });
        return;
      }
      const asNaN = takesUndefinedAsNaN(source, syntax);
      return equation.args.forEach((arg) => use(arg, asNaN ? "as NaN" : "sees undefined"));
    }
    case "exit":
      return use(equation.value, "sees undefined");
    case "loop":
      return [...equation.initial, ...equation.next].forEach((operand) => use(operand, "sees undefined"));
    case "meta":
      return use(equation.of, "sees undefined");
    case "property":
      return use(equation.object, "sees undefined");
    case "element":
      return use(equation.index, "sees undefined");
    case "array":
      return equation.elements.forEach((element) => use(element, "sees undefined"));
    case "template":
      return equation.spans.forEach((span) => use(span.value, "sees undefined"));
    case "effect":
      return equation.args.forEach((operand) => use(operand, "sees undefined"));
    case "throw":
      return equation.args.forEach((operand) => use(operand, "sees undefined"));
    case "enter":
      return use(equation.value, "sees undefined");
    case "free":
      return;
  }
}
