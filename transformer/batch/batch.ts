import type * as ts from "typescript";
import { DiagnosticCode, TsvmapError } from "../diagnostics";
import { type Equation, type Operand, type Program, type SourceForm, type Var, allEquations, isVar, mapTree } from "../ir";
import { type PrimName, primInfo } from "../prims";
import { batchCond, batchLoop } from "./control";
import { returnedOnlyValues } from "./returned-only";
import { readsSeeingUndefined, takesUndefinedAsNaN, valuesCarryingUndefined } from "./undefined-reads";
import { type BatchedProgram, type Code, type Statement, helper, ref, value } from "./code";
import { type ActiveMask, RuleCall, masksOver } from "./rule";
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
export function batchProgram(program: Program, syntax: typeof ts.SyntaxKind): BatchedProgram {
  return new Batcher(program, syntax).run();
}

export class Batcher {
  private levelsOf = new Map<number, readonly number[]>();
  /** Values written inline where they are used, not bound to a name: closed-over names, shapes, lists. */
  private inline = new Map<number, Code>();
  private elements = new Map<number, readonly Operand[]>();
  private sizes = new Map<number, Var>();
  /** Where batched statements go: the function body, or a branch or loop body being batched. */
  private statements: Statement[] = [];
  /** The batched conditions (a `where`-ed branch, a masked loop) that send an example to what is being batched. */
  private activeMasks: ActiveMask[] = [];
  private lastId = 0;
  /** Values stacked as results and never computed on: a choice between them may promote, as the reference's stacking does. */
  private readonly returnedOnly: ReadonlySet<Var>;
  /** Reads of closed-over arrays of numbers at unbatched indices: `undefined` past the end. */
  private readonly numberReads = new Set<Var>();
  /** Reads of closed-over numbers at a batched index where an example would see `undefined` past the end, not NaN. */
  private readonly seeingUndefined: ReadonlySet<Var>;
  private readonly carryingUndefined: ReadonlySet<Var>;
  /** Unbatched values of ops under batched conditions that are `undefined` where they threw and no example reached them. */
  private readonly reachedOnly = new Set<Var>();

  constructor(private readonly program: Program, private readonly syntax: typeof ts.SyntaxKind) {
    this.returnedOnly = returnedOnlyValues(program);
    this.seeingUndefined = readsSeeingUndefined(program, syntax);
    this.carryingUndefined = valuesCarryingUndefined(program);
  }

  run(): BatchedProgram {
    this.batchEquations(this.program.equations);
    const outsideNames = [...allEquations(this.program.equations)].flatMap((equation) => (equation.op === "free" ? [equation.expression.getText()] : []));
    const outer = this.program.levels[0];
    // Only the outermost level is cut into chunks: every inner level runs in the same batched program.
    const chunks = outer?.chunkSize === undefined ? undefined : { size: outer.chunkSize, inAxes: outer.inAxes, outAxes: outer.outAxes };
    const limits = this.program.levels.flatMap((level) => (level.threads === undefined ? [] : [level.threads]));
    const threads = limits.length === 0 ? undefined : Math.min(...limits);
    const { name, params, argumentCount, checkedArguments } = this.program;
    return { name, params, argumentCount, checkedArguments, outsideNames, statements: this.statements, result: mapTree(this.program.result, (leaf) => this.code(leaf)), chunks, threads };
  }

  batchEquations(equations: readonly Equation[]): void {
    for (const equation of equations) this.batchEquation(equation);
  }

  levels(operand: Operand): readonly number[] {
    return isVar(operand) ? this.levelsOf.get(operand.id) ?? [] : [];
  }

  setLevels(v: Var, levels: readonly number[]): void {
    this.levelsOf.set(v.id, levels);
  }

  code(operand: Operand): Code {
    if (!isVar(operand)) return value(operand.literal);
    return this.inline.get(operand.id) ?? ref(operand);
  }

  define(out: Var, code: Code, levels: readonly number[], node: Equation["node"]): void {
    this.levelsOf.set(out.id, levels);
    this.statements.push({ define: out, code, node });
  }

  push(statement: Statement): void {
    this.statements.push(statement);
  }

  /** Batches into a fresh statement list (a branch, a loop body) and gives it back. */
  into(batch: () => void): Statement[] {
    const outer = this.statements;
    const statements: Statement[] = [];
    this.statements = statements;
    try {
      batch();
    } finally {
      this.statements = outer;
    }
    return statements;
  }

  /** Batches under a batched condition: only the examples where `mask` (of `condition`'s levels) is true take this path. */
  under(mask: Code, condition: Operand, batch: () => void): void {
    this.activeMasks.push({ code: mask, levels: this.levels(condition) });
    try {
      batch();
    } finally {
      this.activeMasks.pop();
    }
  }

  /** Runs `batch` for what it learns (levels of values), then forgets everything it did. */
  trial<T>(batch: () => T): T {
    const saved = { levelsOf: this.levelsOf, inline: this.inline, elements: this.elements, sizes: this.sizes, statements: this.statements, lastId: this.lastId };
    this.levelsOf = new Map(saved.levelsOf);
    this.inline = new Map(saved.inline);
    this.elements = new Map(saved.elements);
    this.sizes = new Map(saved.sizes);
    this.statements = [];
    try {
      return batch();
    } finally {
      Object.assign(this, saved);
    }
  }

  newVar(hint: string, kind: Var["kind"]): Var {
    return { id: --this.lastId, hint, kind, rank: undefined };
  }

  /** `operand` with a leading axis for every one of `levels` it lacks, each as long as its level. */
  alignTo(operand: Operand, levels: readonly number[]): Code {
    const own = this.levels(operand);
    if (own.length === levels.length) return this.code(operand);
    const missing = levels.flatMap((level, position) => (own.includes(level) ? [] : [position]));
    // Transforms `table[i]` that only arithmetic reads into `jsNumber(table[i])` as it joins a batch: `undefined` past the end is NaN there, as in JS.
    const seenAsNaN = isVar(operand) && this.numberReads.has(operand) && !this.seeingUndefined.has(operand);
    const code = seenAsNaN ? helper("jsNumber", this.code(operand)) : this.code(operand);
    return helper("broadcastLevels", code, { array: missing.map(value) }, { array: missing.map((position) => ref(this.sizes.get(levels[position])!)) });
  }

  private batchEquation(equation: Equation): void {
    switch (equation.op) {
      case "prim":
        return this.batchPrim(equation);
      case "enter":
        return this.enter(equation);
      case "exit":
        return this.exit(equation);
      case "cond":
        return batchCond(this, equation);
      case "loop":
        return batchLoop(this, equation);
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
        // Transforms `table[k]` on a closed-over array of numbers at a batched `k` into one gather over the batch,
        // checked where an example reaching past the end would see `undefined` rather than a NaN.
        if (this.levels(equation.object).length === 0 && this.levels(equation.index).length > 0 && equation.out.kind === "number") {
          const levels = this.levels(equation.index);
          const masks = masksOver(this.activeMasks, levels);
          const code = this.seeingUndefined.has(equation.out)
            ? helper("gatherArrayChecked", this.code(equation.object), this.code(equation.index), ...(masks.length > 0 ? [{ array: masks }] : []))
            : helper("gatherArray", this.code(equation.object), this.code(equation.index));
          return this.define(equation.out, code, levels, equation.node);
        }
        // Transforms `list[k]` on a closed-over array of Tensors at a batched `k` into each example's own Tensor, one gather.
        if (this.levels(equation.object).length === 0 && this.levels(equation.index).length > 0 && equation.out.kind === "tensor") {
          const levels = this.levels(equation.index);
          const masks = masksOver(this.activeMasks, levels);
          const code = helper("gatherElement", this.code(equation.object), this.code(equation.index), ...(masks.length > 0 ? [{ array: masks }] : []));
          return this.define(equation.out, code, levels, equation.node);
        }
        this.requireUnbatched([equation.object, equation.index], equation.node, "indexing with a batched value");
        this.inline.set(equation.out.id, { element: this.code(equation.index), of: this.code(equation.object) });
        if (equation.out.kind === "number") this.numberReads.add(equation.out);
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
      case "throw":
        return this.batchThrow(equation);
      case "effect":
        // Transforms `console.log(...)` on unbatched values into one call per batched call, as JAX's trace runs it once.
        this.requireUnbatched(equation.args, equation.node, "passing a batched value to a function the transformer cannot see into");
        this.statements.push({ effect: { call: this.code(equation.callee), args: equation.args.map((arg) => this.code(arg)) }, node: equation.node });
        return;
    }
  }

  /**
   * Transforms `throw` on unbatched values into itself: a check of the call
   * (a shape, an unmapped argument) throws once, as the reference does for
   * its first example. Under a batched condition it would throw for some
   * examples only, which no batched program can do.
   */
  private batchThrow(equation: Extract<Equation, { op: "throw" }>): void {
    this.requireUnbatched(equation.args, equation.node, "throwing with a batched value");
    if (this.activeMasks.length > 0) {
      throw new TsvmapError(
        DiagnosticCode.DataDependentShape,
        "this `throw` is under a condition that depends on a batched value, so it would throw for some examples only. Test only shapes and unmapped arguments before throwing, or return NaN for the bad examples",
        equation.node,
      );
    }
    const args = equation.args.map((arg) => this.code(arg));
    this.statements.push({ throw: equation.construct ? { construct: this.code(equation.construct), args } : args[0], node: equation.node });
  }

  /** Transforms `op(args)` by its batching rule when an operand is batched, else keeps it as written. */
  private batchPrim(equation: PrimEquation): void {
    const levels = union(equation.args.map((arg) => this.levels(arg)));
    // Transforms a structural test (`x !== null`) into itself: it reads the argument as given, never an example.
    if (levels.length === 0 || primInfo(equation.prim).structural) {
      const args = equation.args.map((arg) => this.code(arg));
      // Transforms an unbatched `np` op that may throw, under batched conditions, into `reachedOnly(masks, op, ...)`: it throws only if an example gets there.
      if (this.activeMasks.length > 0 && equation.source.form === "np" && this.mayThrow(equation)) {
        this.reachedOnly.add(equation.out);
        return this.define(equation.out, helper("reachedOnly", { array: this.activeMasks.map((mask) => mask.code) }, value(equation.prim), ...args), [], equation.node);
      }
      const code = unbatchedCode(equation, args);
      return this.define(equation.out, equation.source.form === "helper" ? this.unlessUnreached(equation.out, equation.args, code) : code, [], equation.node);
    }
    const jsOperator = equation.source.form === "operator" || equation.source.form === "math";
    const takesNaN = takesUndefinedAsNaN(equation.source, this.syntax);
    const args = jsOperator ? equation.args.map((arg) => this.asJsNumber(arg, takesNaN, equation.node)) : equation.args;
    this.defineBatched(equation.out, equation.prim, args, equation.source, equation.node);
  }

  /** Whether an unbatched op may throw for its values: integers to negative powers, `undefined` read past an array's end, or a value that already threw. */
  private mayThrow(equation: PrimEquation): boolean {
    if (primInfo(equation.prim).throwsOnValues) return true;
    return equation.args.some((arg) => isVar(arg) && (this.numberReads.has(arg) || this.reachedOnly.has(arg)));
  }

  /**
   * Transforms an op reading a value that `reachedOnly` left `undefined` into
   * `value === undefined ? undefined : op(...)`: it threw where no example got,
   * so nothing reads what is computed from it either.
   */
  private unlessUnreached(out: Var, args: readonly Operand[], code: Code): Code {
    const unreached = args.filter((arg): arg is Var => isVar(arg) && this.reachedOnly.has(arg));
    if (unreached.length === 0) return code;
    this.reachedOnly.add(out);
    const tests = unreached.map((arg): Code => ({ operator: this.syntax.EqualsEqualsEqualsToken, args: [ref(arg), value(undefined)] }));
    const test = tests.reduce((either, next) => ({ operator: this.syntax.BarBarToken, args: [either, next] }));
    return { conditional: [test, value(undefined), code] };
  }

  /**
   * Transforms `table[i]`, met by a JS operator on a batch, into `jsNumber(table[i])`: `undefined` past the end is NaN there,
   * as in JS; and a value a join or loop carried it into, where the operator takes `undefined` as NaN (`Math.min(v, x)`).
   */
  private asJsNumber(arg: Operand, takesNaN: boolean, node: Equation["node"]): Operand {
    if (!isVar(arg)) return arg;
    const carriedUndefined = takesNaN && arg.kind === "number" && this.carryingUndefined.has(arg);
    const levels = this.levels(arg);
    if (levels.length > 0) {
      if (!carriedUndefined) return arg;
      // A batch that is `undefined` as a whole (the loop carried an unbatched read into it): a batch of NaN, as each example reads it.
      const number = this.newVar(arg.hint, "number");
      this.define(number, helper("jsNumber", this.code(arg), { array: levels.map((level) => ref(this.sizes.get(level)!)) }), levels, node);
      return number;
    }
    if (!this.numberReads.has(arg) && !carriedUndefined) return arg;
    const number = this.newVar(arg.hint, "number");
    this.define(number, helper("jsNumber", this.code(arg)), [], node);
    return number;
  }

  /** `out = prim(args)` with at least one batched operand, by the primitive's rule. */
  defineBatched(out: Var, prim: PrimName, args: readonly Operand[], source: SourceForm, node: Equation["node"]): void {
    const levels = union(args.map((arg) => this.levels(arg)));
    this.levelsOf.set(out.id, levels);
    const ruled = this.reachedOnlyWhereThrowing(out, prim, args, source, this.applyRule(prim, args, source, this.returnedOnly.has(out), node));
    // An op that takes a Tensor and gives each example a JS number (a full reduction, `at`, a vector `dot`): float64 from here on, as JS numbers are.
    const code = out.kind === "number" && args.some((arg) => isVar(arg) && arg.kind === "tensor")
      ? helper("asNumbers", ruled)
      : out.rank === undefined && primInfo(prim).numberWhereRankZero
        ? helper("asNumbersWhereScalar", ruled, value(levels.length))
        : ruled;
    // A choice is not guarded: it takes the other side where no example took this one (`select`).
    const guarded = source.form === "conditional" ? code : this.unlessUnreached(out, args, code);
    // An op guarded so is not fused (it has no `op`): a kernel would read the `undefined` as a number.
    if (guarded !== code) {
      this.statements.push({ define: out, code: guarded, node });
      return;
    }
    const operands = args.map((arg) => ({
      code: this.code(arg),
      levels: this.levels(arg),
      kind: isVar(arg) ? arg.kind : kindOfLiteral(arg.literal),
      absent: !isVar(arg) && (arg.literal === undefined || arg.literal === null),
    }));
    this.statements.push({ define: out, code, node, op: { prim, source, levels, operands } });
  }

  /**
   * Transforms a batched `np` op that may throw for its shapes (`max` of an
   * empty axis: every example's is empty alike) or for an unbatched operand
   * read past an array's end (`np.where(table[2], x, y)`: `undefined` is no
   * condition), under batched conditions, into `reachedOnly(masks, op, ...)`:
   * it throws only if an example gets there, as an unbatched one does. A rule
   * that guards the op itself emits no plain `np` call (`powReached`: `pow`
   * throws per example).
   */
  private reachedOnlyWhereThrowing(out: Var, prim: PrimName, args: readonly Operand[], source: SourceForm, ruled: Code): Code {
    if (this.activeMasks.length === 0 || source.form !== "np" || !("np" in ruled)) return ruled;
    const readsPastEnd = args.some((arg) => isVar(arg) && this.numberReads.has(arg));
    if (!primInfo(prim).throwsOnValues && !readsPastEnd) return ruled;
    this.reachedOnly.add(out);
    return helper("reachedOnly", { array: this.activeMasks.map((mask) => mask.code) }, value(ruled.np), ...ruled.args);
  }

  /** The batched code of `prim(args)` by its rule; its levels are the union of its operands'. */
  private applyRule(prim: PrimName, args: readonly Operand[], source: SourceForm, returnedOnly: boolean, node: Equation["node"]): Code {
    if (prim === "nullTest") throw new Error("nullTest is structural and never batched");
    const rule = batchingRules[prim];
    const operandLevels = args.map((arg) => this.levels(arg));
    const levels = union(operandLevels);
    const call = new RuleCall(
      prim,
      args,
      args.map((arg) => this.code(arg)),
      operandLevels,
      levels,
      (operand) => this.elementsWithLevels(operand),
      () => levels.map((level) => ref(this.sizes.get(level)!)),
      source,
      returnedOnly,
      this.activeMasks.slice(),
      node,
    );
    return rule(call);
  }

  private elementsWithLevels(operand: Operand) {
    const elements = isVar(operand) ? this.elements.get(operand.id) : undefined;
    return elements?.map((element) => ({ code: this.code(element), levels: this.levels(element), rank: isVar(element) ? element.rank : 0 }));
  }

  /** Transforms entering a vmap level into a checked batch size and the mapped axis moved behind the outer batch axes. */
  private enter(equation: Extract<Equation, { op: "enter" }>): void {
    const outer = this.levels(equation.value);
    if (!this.sizes.has(equation.level)) this.defineSize(equation);
    const mapAxis = equation.out.kind === "number" ? "mapNumbers" : equation.out.kind === "boolean" ? "mapBooleans" : "mapAxis";
    const code = helper(mapAxis, this.code(equation.value), value(equation.axis), value(outer.length));
    this.define(equation.out, code, [...outer, equation.level], equation.node);
  }

  /** `const size = axisSize(...)`, checking every argument this level maps at once, as JAX reports them together. */
  private defineSize(first: LevelEquation): void {
    const level = this.program.levels[first.level];
    const entries = [...allEquations(this.program.equations)].filter((equation): equation is Extract<Equation, { op: "enter" }> => equation.op === "enter" && equation.level === first.level);
    const checked = entries.map((entry) => ({
      array: [value(entry.argument), this.code(entry.value), value(entry.axis), value(this.levels(entry.value).length)],
    }));
    const size: Var = { id: --this.lastId, hint: first.level === 0 ? "batchSize" : "innerSize", kind: "number", rank: 0 };
    this.sizes.set(first.level, size);
    const args: Code[] = [value(level.name), { array: checked }];
    if (level.axisSize !== undefined) args.push(value(level.axisSize));
    this.statements.push({ define: size, code: helper("axisSize", ...args), node: level.node });
    // The reference takes an empty batch's dtypes from one zero-filled example, which a value may depend on (`?:` on a batched condition).
    if (first.level === 0 && level.axisSize === undefined) this.statements.push({ emptyBatch: size, inAxes: level.inAxes, outAxes: level.outAxes, node: level.node });
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

  requireUnbatched(operands: readonly Operand[], node: Equation["node"], what: string): void {
    if (operands.some((operand) => this.levels(operand).length > 0)) {
      throw new TsvmapError(DiagnosticCode.DataDependentShape, `${what} is not compiled: it would differ between examples. Use \`np\` ops on it instead`, node);
    }
  }
}

function kindOfLiteral(literal: unknown): Var["kind"] {
  return typeof literal === "number" ? "number" : typeof literal === "boolean" ? "boolean" : "opaque";
}

export function union(levelSets: readonly (readonly number[])[]): readonly number[] {
  return [...new Set(levelSets.flat())].sort((a, b) => a - b);
}
