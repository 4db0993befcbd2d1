import type * as ts from "typescript";
import { DiagnosticCode, TsvmapError } from "../diagnostics";
import { type Operand, type SourceForm, isVar } from "../ir";
import type { PrimName } from "../prims";
import { type Code, helper, np, value } from "./code";

/** A batched condition enclosing an op: true for the examples that take the op's path. */
export interface ActiveMask {
  readonly code: Code;
  readonly levels: readonly number[];
}

/** The masks among `masks` that an op of `levels` can follow, each with a unit axis for every level it lacks. */
export function masksOver(masks: readonly ActiveMask[], levels: readonly number[]): Code[] {
  return masks.flatMap((mask) => {
    if (!mask.levels.every((level) => levels.includes(level))) return [];
    const missing = levels.flatMap((level, position) => (mask.levels.includes(level) ? [] : [position]));
    return [missing.length === 0 ? mask.code : np("expandDims", mask.code, { array: missing.map(value) })];
  });
}

/**
 * What a batching rule sees of one primitive application: its operands as
 * code, which vmap levels each carries, and the levels of the result (`k`
 * leading batch axes, outermost first, on every batched value).
 */
export class RuleCall {
  constructor(
    readonly prim: PrimName,
    readonly operands: readonly Operand[],
    readonly codes: readonly Code[],
    readonly operandLevels: readonly (readonly number[])[],
    readonly levels: readonly number[],
    /** Elements of operands written as array literals (`np.stack([a, b])`), with their levels. */
    readonly elementsOf: (operand: Operand) => readonly { code: Code; levels: readonly number[]; rank: number | undefined }[] | undefined,
    /** The size of each of `levels`, for broadcasting an operand that lacks them. */
    readonly levelSizes: () => readonly Code[],
    /** How the user wrote the op: `c ? a : b` is a choice per example, `np.where` an op on elements. */
    readonly source: SourceForm,
    /** Whether the result is only returned, stacked by `outAxes`, and never computed on. */
    readonly returnedOnly: boolean,
    /** The enclosing batched conditions, each true for the examples that reach this op. */
    private readonly activeMasks: readonly ActiveMask[],
    readonly node: ts.Node,
  ) {}

  get k(): number {
    return this.levels.length;
  }

  isBatched(index: number): boolean {
    return (this.operandLevels[index]?.length ?? 0) > 0;
  }

  /** Per-example rank of operand `index` where known. */
  rank(index: number): number | undefined {
    const operand = this.operands[index];
    if (operand === undefined) return undefined;
    return isVar(operand) ? operand.rank : 0;
  }

  /** Per-example rank of operand `index` as code: a literal when known, else read at run time (a number has rank 0). */
  rankCode(index: number): Code {
    const known = this.rank(index);
    if (known !== undefined) return value(known);
    return helper("exampleRank", this.codes[index], value(this.operandLevels[index].length));
  }

  /** The literal value of operand `index`, when it is written as one. */
  literal(index: number): Operand | undefined {
    const operand = this.operands[index];
    return operand !== undefined && !isVar(operand) ? operand : undefined;
  }

  isAbsent(index: number): boolean {
    const operand = this.operands[index];
    return operand === undefined || (!isVar(operand) && (operand.literal === undefined || operand.literal === null));
  }

  /**
   * Operand `index` with a leading axis for each of `levels` (size 1 where it
   * lacks one), its batch axes first. Unbatched operands are left as they are:
   * broadcasting aligns them with the per-example axes.
   */
  withLevels(index: number): Code {
    const own = this.operandLevels[index];
    const code = this.codes[index];
    if (own.length === 0 || own.length === this.levels.length) return code;
    const missing = this.levels.flatMap((level, position) => (own.includes(level) ? [] : [position]));
    return np("expandDims", code, { array: missing.map(value) });
  }

  /**
   * The enclosing batched conditions as masks over this op's batch axes (size
   * 1 where a mask lacks a level), so that the runtime skips the examples no
   * path reaches: their values are discarded, and must not throw. A mask with a
   * level this op lacks cannot say which of its examples are reached; it is left out.
   */
  masks(): Code[] {
    return masksOver(this.activeMasks, this.levels);
  }

  /** Refuses operand `index` when it is batched: it is a shape, an axis or an index. */
  requireUnbatched(index: number, what: string): void {
    if (this.isBatched(index)) {
      throw new TsvmapError(
        DiagnosticCode.DataDependentShape,
        `the ${what} of \`${this.prim}\` depends on a batched value, so it would differ between examples. Make it a constant, or an unmapped argument`,
        this.node,
      );
    }
  }

  refuse(code: DiagnosticCode, message: string): never {
    throw new TsvmapError(code, message, this.node);
  }
}

export type Rule = (call: RuleCall) => Code;
