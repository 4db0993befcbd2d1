import { type DType, allocate, promote } from "../dtype";
import { chooseElements } from "../elementwise/where";
import { isWeak, weakNumbers } from "../elementwise/weak-typing";
import { VmapError } from "../errors";
import type { Operand } from "../operand";
import { broadcastShapes } from "../broadcast";
import { broadcastTo, reshape } from "../shape";
import { Tensor, formatShape } from "../tensor";
import { exampleDtypesOf, setExampleDtypes } from "./example-dtypes";
import { toTensor } from "./tensors";

/** What one side of a per-example choice gives an example that takes it: a JS number (weakly typed), or elements of a dtype. */
type Side = DType | "number";

function sideOf(x: Operand): Side {
  if (typeof x === "number") return "number";
  if (typeof x === "boolean") return "bool";
  return isWeak(x) ? "number" : x.dtype;
}

/**
 * `c ? a : b`, an `if`, or a masked loop update, on a batched condition. Each
 * example takes one side with that side's dtype, as the reference's call per
 * example does, so a `where` that promotes the two sides is right only where
 * promotion loses nothing. Examples that all take one side get it as it is;
 * examples split between sides whose dtypes one batch cannot hold are an
 * error, never a silently promoted answer.
 */
export function select(condition: Tensor | boolean, whenTrue: Operand, whenFalse: Operand, active: readonly Tensor[] = []): Operand {
  const aroundUndefined = takenAroundUndefined(condition, whenTrue, whenFalse, active);
  if (aroundUndefined !== undefined) return aroundUndefined.value;
  const chosen = chooseElements(condition, whenTrue, whenFalse);
  const sides = [sideOf(whenTrue), sideOf(whenFalse)];
  if (sides[0] === sides[1] || holdsBoth(sides, "float64")) return chosen;
  const shape = (chosen as Tensor).shape;
  const taken = sidesTaken(condition, active);
  if (taken === "neither") return chosen;
  if (taken !== "both") return asSide(taken === "true" ? whenTrue : whenFalse, shape);
  // float32 elements are exact in float64, and numbers stay weak: each example meets later ops as its own side would.
  if (holdsBoth(sides, "float32")) return weakNumbers(chooseElements(condition, asDtype(whenTrue, "float64"), asDtype(whenFalse, "float64")) as Tensor);
  throw new VmapError(
    `vmap: a branch on a batched condition (\`?:\`, \`if\` or a loop test) gives some examples a ${describe(sides[0])} and others a ` +
      `${describe(sides[1])} (batched shape ${formatShape(shape)}); one batch cannot hold both dtypes, and promoting one side would ` +
      `change what those examples compute. Give both sides the same dtype`,
  );
}

/**
 * `select` for a choice that is only returned, stacked by `outAxes` and never
 * computed on: examples split between sides are promoted to one dtype, as the
 * reference's stacking of their results does. That dtype comes from what each
 * example took, so a later choice that sends every example to one dtype again
 * (an `if` whose sides all end in the same value) gets that dtype back.
 */
export function selectResult(condition: Tensor | boolean, whenTrue: Operand, whenFalse: Operand, active: readonly Tensor[] = []): Operand {
  const aroundUndefined = takenAroundUndefined(condition, whenTrue, whenFalse, active, true);
  if (aroundUndefined !== undefined) return aroundUndefined.value;
  const sides = [sideOf(whenTrue), sideOf(whenFalse)];
  const split = exampleDtypesOf(whenTrue) !== undefined || exampleDtypesOf(whenFalse) !== undefined;
  if (!split && (sides[0] === sides[1] || (typeof condition === "boolean" && active.length === 0))) return select(condition, whenTrue, whenFalse, active);
  const taken = laneChoices(condition, active);
  if (!split && !(taken.includes(1) && taken.includes(0))) return select(condition, whenTrue, whenFalse, active);
  const dtypes = Array.from(taken, (side, lane): DType | undefined =>
    side < 0 ? undefined : dtypeOfExample(side === 1 ? whenTrue : whenFalse, lane, taken.length),
  );
  const present = [...new Set(dtypes.filter((dtype): dtype is DType => dtype !== undefined))];
  const holding = promote(stackedDtype(sides[0]), stackedDtype(sides[1]));
  const chosen = chooseElements(condition, asDtype(whenTrue, holding), asDtype(whenFalse, holding)) as Tensor;
  if (present.length === 0) return chosen;
  const dtype = present.reduce(promote);
  const result = asDtype(chosen, dtype) as Tensor;
  if (present.length > 1) setExampleDtypes(result, dtypes);
  return result;
}

/**
 * A side that is `undefined` (an array read past its end) is no value of a
 * batch, but only examples that take it hold it: when none does the choice is
 * the other side, and when all do it is `undefined`, as each of theirs is.
 * Examples split between them have no one batch, so the choice throws, as the
 * op reading the `undefined` does in those examples; or, for a choice that is
 * only `returned`, as the reference's stacking of results that differ in
 * structure does.
 */
function takenAroundUndefined(
  condition: Tensor | boolean,
  whenTrue: Operand,
  whenFalse: Operand,
  active: readonly Tensor[],
  returned = false,
): { readonly value: Operand } | undefined {
  const [trueMissing, falseMissing] = [whenTrue === undefined, whenFalse === undefined];
  if (trueMissing === falseMissing) return undefined;
  const taken = sidesTaken(condition, active);
  if (taken === "both" && returned) {
    const lanes = laneChoices(condition, active);
    const [holding, missing] = trueMissing ? [0, 1] : [1, 0];
    throw new VmapError(
      `vmap: the function returned results of different structure: a value for example ${lanes.indexOf(holding)} but undefined for example ${lanes.indexOf(missing)} ` +
        `(a branch on a batched condition chose an array read past its end for some examples)`,
    );
  }
  if (taken === "both") return undefined;
  const missing = trueMissing ? "true" : "false";
  if (taken === missing) return { value: undefined as unknown as Operand };
  const side = trueMissing ? whenFalse : whenTrue;
  return { value: select(condition, side, side, active) };
}

function dtypeOfExample(side: Operand, lane: number, lanes: number): DType | undefined {
  const known = exampleDtypesOf(side);
  if (known !== undefined && known.length === lanes) return known[lane];
  return stackedDtype(sideOf(side));
}

/** The dtype a side's examples have when stacked as results: a JS number is float64. */
function stackedDtype(side: Side): DType {
  return side === "number" ? "float64" : side;
}

/** Whether a per-example number on one side and `dtype` elements on the other are both held exactly by `dtype` as weak numbers. */
function holdsBoth(sides: readonly Side[], dtype: DType): boolean {
  return sides.includes("number") && sides.includes(dtype);
}

/**
 * Which sides the examples take. Only the `active` examples count: those that
 * every enclosing batched condition sends here (the others' values are
 * discarded by the enclosing choice).
 */
function sidesTaken(condition: Tensor | boolean, active: readonly Tensor[]): "true" | "false" | "both" | "neither" {
  if (typeof condition === "boolean" && active.length === 0) return condition ? "true" : "false";
  const taken = laneChoices(condition, active);
  const trues = taken.includes(1);
  const falses = taken.includes(0);
  return trues ? (falses ? "both" : "true") : falses ? "false" : "neither";
}

/** The side each example takes, flat over the leading batch axes: 1 or 0, or -1 where an enclosing condition sends it elsewhere. */
function laneChoices(condition: Tensor | boolean, active: readonly Tensor[]): Int8Array {
  // Masks share the leading batch axes, outermost first: aligned there, not at trailing axes as broadcasting would.
  const rank = Math.max(...[condition, ...active].map((mask) => (mask instanceof Tensor ? mask.ndim : 0)));
  const aligned = [condition, ...active].map((mask) => {
    const shape = mask instanceof Tensor ? mask.shape : [];
    return reshape(mask, [...shape, ...new Array<number>(rank - shape.length).fill(1)]);
  });
  const lanes = broadcastShapes("select", ...aligned.map((mask) => mask.shape));
  const [test, ...masks] = aligned.map((mask) => broadcastTo(mask, lanes).data);
  return Int8Array.from(test, (taken, lane) => (masks.every((mask) => mask[lane] !== 0) ? (taken !== 0 ? 1 : 0) : -1));
}

/** One side, as every example took it: its own dtype, and still weakly typed if it is numbers. */
function asSide(side: Operand, shape: readonly number[]): Tensor {
  const tensor = broadcastTo(side, shape);
  return sideOf(side) === "number" ? weakNumbers(tensor) : tensor;
}

/** A side's elements in `dtype`, which holds them exactly; a batch of numbers is no longer weakly typed. */
function asDtype(side: Operand, dtype: DType): Operand {
  const tensor = toTensor(side);
  return tensor.dtype === dtype && !isWeak(tensor) ? tensor : new Tensor(allocate(dtype, tensor.size).map((_, i) => tensor.data[i]), tensor.shape, dtype);
}

function describe(side: Side): string {
  return side === "number" ? "JS number" : `${side} Tensor`;
}
