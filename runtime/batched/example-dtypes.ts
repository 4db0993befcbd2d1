import type { DType } from "../dtype";
import type { Tensor } from "../tensor";

/**
 * The dtype each example of a promoted choice had before promotion, by lane
 * (flat over the leading batch axes; undefined for an example that did not
 * reach the choice). Only values that are returned and never computed on
 * carry it (runtime/batched/select.ts's `selectResult`), so that a later
 * choice can give back the one dtype its examples all have.
 */
const exampleDtypes = new WeakMap<Tensor, readonly (DType | undefined)[]>();

export function exampleDtypesOf(x: unknown): readonly (DType | undefined)[] | undefined {
  return typeof x === "object" && x !== null ? exampleDtypes.get(x as Tensor) : undefined;
}

export function setExampleDtypes(x: Tensor, dtypes: readonly (DType | undefined)[]): void {
  exampleDtypes.set(x, dtypes);
}

/** `to` is `from` with unit axes added: the same examples, so the same dtypes. */
export function keepExampleDtypes<T extends Tensor>(from: Tensor, to: T): T {
  const dtypes = exampleDtypes.get(from);
  if (dtypes !== undefined && to !== from) exampleDtypes.set(to, dtypes);
  return to;
}
