import { DiagnosticCode, TsvmapError } from "../diagnostics";
import { type Equation, type Operand, type Program, type Var, isVar, mapTree } from "../ir";
import { type BatchedProgram, type Code, type Statement, helper, ref, value } from "./code";
import { RuleCall } from "./rule";
import { batchingRules } from "./rules";
import { unbatchedCode } from "./unbatched";

type PrimEquation = Extract<Equation, { op: "prim" }>;
type LevelEquation = Extract<Equation, { op: "enter" | "exit" }>;

/**
 * The vmap transform over a lowered program. Every value is unbatched or
 * carries one leading axis per vmap level it depends on, outermost first;
 * nested vmap is the same transform at a deeper level. Unbatched work is
 * written as the user wrote it and runs once per batched call.
 */
export function batchProgram(program: Program): BatchedProgram {
  return new Batcher(program).run();
}

class Batcher {
  private readonly levelsOf = new Map<number, readonly number[]>();
  /** Values written inline where they are used, not bound to a name: closed-over names, shapes, lists. */
  private readonly inline = new Map<number, Code>();
  private readonly elements = new Map<number, readonly Operand[]>();
  private readonly sizes = new Map<number, Var>();
  private readonly statements: Statement[] = [];
  private lastId = 0;

  constructor(private readonly program: Program) {}

  run(): BatchedProgram {
    for (const equation of this.program.equations) this.batchEquation(equation);
    const outsideNames = this.program.equations.flatMap((equation) => (equation.op === "free" ? [equation.expression.getText()] : []));
    return { name: this.program.name, params: this.program.params, outsideNames, statements: this.statements, result: mapTree(this.program.result, (leaf) => this.code(leaf)) };
  }

  private levels(operand: Operand): readonly number[] {
    return isVar(operand) ? this.levelsOf.get(operand.id) ?? [] : [];
  }

  private code(operand: Operand): Code {
    if (!isVar(operand)) return value(operand.literal);
    return this.inline.get(operand.id) ?? ref(operand);
  }

  private define(out: Var, code: Code, levels: readonly number[], node: Equation["node"]): void {
    this.levelsOf.set(out.id, levels);
    this.statements.push({ define: out, code, node });
  }

  private batchEquation(equation: Equation): void {
    switch (equation.op) {
      case "prim":
        return this.batchPrim(equation);
      case "enter":
        return this.enter(equation);
      case "exit":
        return this.exit(equation);
      case "free":
        // Transforms a closed-over name into itself: constants are unbatched.
        this.inline.set(equation.out.id, { source: equation.expression });
        return;
      case "meta":
        this.inline.set(equation.out.id, this.meta(equation.property, equation.of));
        return;
      case "property":
        this.requireUnbatched([equation.object], equation.node, "reading a property of a batched value");
        this.inline.set(equation.out.id, { property: equation.name, of: this.code(equation.object) });
        return;
      case "element":
        this.requireUnbatched([equation.object, equation.index], equation.node, "indexing with a batched value");
        this.inline.set(equation.out.id, { element: this.code(equation.index), of: this.code(equation.object) });
        return;
      case "array":
        this.elements.set(equation.out.id, equation.elements);
        this.levelsOf.set(equation.out.id, union(equation.elements.map((element) => this.levels(element))));
        this.inline.set(equation.out.id, { array: equation.elements.map((element) => this.code(element)) });
        return;
      case "template":
        this.requireUnbatched(equation.spans.map((span) => span.value), equation.node, "formatting a batched value into text");
        this.inline.set(equation.out.id, { template: equation.head, spans: equation.spans.map((span) => ({ code: this.code(span.value), text: span.text })) });
        return;
      case "effect":
        // Transforms `console.log(...)` on unbatched values into one call per batched call, as JAX's trace runs it once.
        this.requireUnbatched(equation.args, equation.node, "passing a batched value to a function the transformer cannot see into");
        this.statements.push({ effect: { call: this.code(equation.callee), args: equation.args.map((arg) => this.code(arg)) }, node: equation.node });
        return;
    }
  }

  /** Transforms `op(args)` by its batching rule when an operand is batched, else keeps it as written. */
  private batchPrim(equation: PrimEquation): void {
    const operandLevels = equation.args.map((arg) => this.levels(arg));
    const levels = union(operandLevels);
    const codes = equation.args.map((arg) => this.code(arg));
    if (levels.length === 0) return this.define(equation.out, unbatchedCode(equation, codes), levels, equation.node);
    const rule = batchingRules[equation.prim];
    if (!rule) {
      throw new TsvmapError(DiagnosticCode.DataDependentShape, `\`${equation.prim}\` cannot take a batched operand under vmap; give it unbatched arguments`, equation.node);
    }
    const call = new RuleCall(
      equation.prim,
      equation.args,
      codes,
      operandLevels,
      levels,
      (operand) => this.elementsWithLevels(operand),
      () => levels.map((level) => ref(this.sizes.get(level)!)),
      equation.node,
    );
    this.define(equation.out, rule(call), levels, equation.node);
  }

  private elementsWithLevels(operand: Operand) {
    const elements = isVar(operand) ? this.elements.get(operand.id) : undefined;
    return elements?.map((element) => ({ code: this.code(element), levels: this.levels(element), rank: isVar(element) ? element.rank : 0 }));
  }

  /** Transforms entering a vmap level into a checked batch size and the mapped axis moved behind the outer batch axes. */
  private enter(equation: Extract<Equation, { op: "enter" }>): void {
    const outer = this.levels(equation.value);
    if (!this.sizes.has(equation.level)) this.defineSize(equation);
    const mapAxis = equation.out.kind === "number" ? "mapNumbers" : "mapAxis";
    const code = helper(mapAxis, this.code(equation.value), value(equation.axis), value(outer.length));
    this.define(equation.out, code, [...outer, equation.level], equation.node);
  }

  /** `const size = axisSize(...)`, checking every argument this level maps at once, as JAX reports them together. */
  private defineSize(first: LevelEquation): void {
    const level = this.program.levels[first.level];
    const entries = this.program.equations.filter((equation): equation is Extract<Equation, { op: "enter" }> => equation.op === "enter" && equation.level === first.level);
    const checked = entries.map((entry) => ({
      array: [value(entry.argument), this.code(entry.value), value(entry.axis), value(this.levels(entry.value).length)],
    }));
    const size: Var = { id: --this.lastId, hint: first.level === 0 ? "batchSize" : "innerSize", kind: "number", rank: 0 };
    this.sizes.set(first.level, size);
    const args: Code[] = [value(level.name), { array: checked }];
    if (level.axisSize !== undefined) args.push(value(level.axisSize));
    this.statements.push({ define: size, code: helper("axisSize", ...args), node: level.node });
  }

  /** Transforms leaving a vmap level into the level's axis moved to its out axis, or broadcast there if the value does not depend on it. */
  private exit(equation: Extract<Equation, { op: "exit" }>): void {
    const own = this.levels(equation.value);
    const code = this.code(equation.value);
    const numbers = isVar(equation.value) ? equation.value.kind === "number" : typeof equation.value.literal === "number";
    const position = own.indexOf(equation.level);
    const remaining = own.filter((level) => level !== equation.level);
    if (equation.axis === null) {
      if (position >= 0) {
        throw new TsvmapError(DiagnosticCode.AxesStructure, "this result depends on the mapped arguments, so it cannot have `outAxes` null; give it an axis", equation.node);
      }
      this.inline.set(equation.out.id, code);
      this.levelsOf.set(equation.out.id, own);
      return;
    }
    if (!this.sizes.has(equation.level)) this.defineSize(equation);
    const stacked =
      position >= 0
        ? helper(numbers ? "unmapNumbers" : "unmapAxis", code, value(position), value(remaining.length), value(equation.axis))
        : helper(numbers ? "broadcastNumbers" : "broadcastAxis", code, ref(this.sizes.get(equation.level)!), value(remaining.length), value(equation.axis));
    this.define(equation.out, stacked, remaining, equation.node);
  }

  /** `.shape`, `.ndim`, `.size` of one example: the batch axes are not part of it. */
  private meta(property: "shape" | "ndim" | "size", of: Var): Code {
    const leading = this.levels(of).length;
    const tensor = this.code(of);
    if (leading === 0) return { property, of: tensor };
    if (property === "ndim") return helper("exampleRank", tensor, value(leading));
    return helper(property === "shape" ? "exampleShape" : "exampleSize", tensor, value(leading));
  }

  private requireUnbatched(operands: readonly Operand[], node: Equation["node"], what: string): void {
    if (operands.some((operand) => this.levels(operand).length > 0)) {
      throw new TsvmapError(DiagnosticCode.DataDependentShape, `${what} is not compiled: it would differ between examples. Use \`np\` ops on it instead`, node);
    }
  }
}

function union(levelSets: readonly (readonly number[])[]): readonly number[] {
  return [...new Set(levelSets.flat())].sort((a, b) => a - b);
}
