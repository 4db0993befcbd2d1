import type { Code, Kernel, ScalarExpression } from "../batch/code";
import type { Var } from "../ir";
import type { PrimName } from "../prims";

type Step = Kernel["steps"][number];

/**
 * numpy's int32 loops: the primitives whose result on int32 elements is int32
 * (wrapping where the sum or product leaves the range), and how a kernel
 * writes each so that it wraps as they do. `| 0` also turns numpy's `x % 0`
 * (0 for integers) out of the NaN that the float helper gives.
 */
export const int32Forms: Partial<Record<PrimName, "wrap" | "imul" | "same">> = {
  add: "wrap",
  sub: "wrap",
  neg: "wrap",
  abs: "wrap",
  mod: "wrap",
  mul: "imul",
  square: "imul",
  maximum: "same",
  minimum: "same",
  sign: "same",
  floor: "same",
  ceil: "same",
  round: "same",
  jsRound: "same",
  trunc: "same",
  clip: "same",
  where: "same",
};

/** The int32 function of a kernel: the steps it computes as int32, and the JS numbers it holds to be integers. */
export interface Int32Typing {
  readonly typed: ReadonlySet<Var>;
  /** The per-example number inputs (by index) that meet int32 elements: the function runs only where each number fits int32. */
  readonly integerInputs: readonly number[];
  /** The closed-over numbers that meet int32 elements, likewise. */
  readonly integerOutsides: readonly Code[];
}

/**
 * The element steps an int32 kernel computes as int32: those of an int32
 * primitive on int32 elements (of the data or of an int32 step), integer
 * literals, booleans and JS numbers whose dtype only their value tells (a
 * per-example or closed-over number: weakly typed, int32 when it fits
 * int32), at least one an int32 element, with no float64 operand. Those JS
 * numbers are named, for the runtime to check before it runs the function
 * (else the ops run one by one, each example's number in its own dtype).
 * Undefined where no int32 kernel can be made: where an int32 step would meet
 * a number computed per example, or would raise an integer to a power (numpy
 * throws on a negative exponent), or where a join of branches chooses between
 * an int32 side and another. Such a kernel declines int32 data, whose ops
 * then run one by one.
 */
export function stepsTypedAsInt32(kernel: Kernel): Int32Typing | undefined {
  const typed = new Set<Var>();
  const integerInputs = new Set<number>();
  const integerOutsides = new Set<Code>();
  const stepOf = new Map(kernel.steps.map((step) => [step.target, step]));
  // "int": an int32 element (of the data or an int32 step); "integer": a literal that stays int32 meeting one;
  // "weak": a JS number given to the kernel, int32 where it fits; "computed": a JS number the kernel computes.
  const classOf = (leaf: ScalarExpression): "int" | "integer" | "bool" | "float" | "weak" | "computed" => {
    if ("input" in leaf) {
      const input = kernel.inputs[leaf.input];
      if (input.kind === "boolean") return "bool";
      return input.phase === "example" ? "weak" : "int";
    }
    if ("step" in leaf) {
      const step = stepOf.get(leaf.step)!;
      if (step.boolean) return "bool";
      if (typed.has(leaf.step)) return "int";
      return step.phase === "element" ? "float" : "computed";
    }
    if ("outside" in leaf) {
      if (!("value" in leaf.outside)) return "weak";
      const literal = leaf.outside.value;
      if (typeof literal === "boolean") return "bool";
      // The runtime's rule for a JS number meeting int32 elements: an integer in int32's range is one of them.
      return typeof literal === "number" && Number.isInteger(literal) && literal >= -2147483648 && literal <= 2147483647 ? "integer" : "float";
    }
    return "float";
  };
  for (const step of kernel.steps) {
    if (step.phase !== "element" || !("prim" in step.expression) || step.boolean) continue;
    const { prim, args } = step.expression;
    const classes = (prim === "where" ? args.slice(1) : args).map(classOf);
    // Literals alone are JS numbers, float64 (`np.where(x, 1, 0)`): int32 needs an int32 element among the values.
    const readsInt32 = classes.includes("int");
    if (!readsInt32) continue;
    // A join of branches (`?:`, an `if`) gives each example the dtype of the side it took, as the reference
    // stacks them: int32 only where every example took an int32 side, which only the data can tell.
    if (prim === "where" && step.expression.source.form !== "np" && classes.some((choice) => choice !== "int")) return undefined;
    if (prim === "pow") return undefined;
    if (classes.includes("float") || !(prim in int32Forms)) continue;
    if (classes.includes("computed")) return undefined;
    for (const leaf of prim === "where" ? args.slice(1) : args) {
      if (classOf(leaf) !== "weak") continue;
      if ("input" in leaf) integerInputs.add(leaf.input);
      else if ("outside" in leaf) integerOutsides.add(leaf.outside);
    }
    typed.add(step.target);
  }
  return { typed, integerInputs: [...integerInputs], integerOutsides: [...integerOutsides] };
}

/** Whether a reduction step accumulates int32 elements, wrapping as numpy's int32 sum and product do. */
export function reducesInt32(step: Step, typed: ReadonlySet<Var>, kernel: Kernel): boolean {
  if (!step.reduction || step.reduction.mean) return false;
  const [operand] = (step.expression as { args: readonly ScalarExpression[] }).args;
  if ("input" in operand) return kernel.inputs[operand.input].phase !== "example" && kernel.inputs[operand.input].kind !== "boolean";
  return "step" in operand && typed.has(operand.step);
}
