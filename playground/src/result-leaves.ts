/** Something with a Tensor's reading surface; the playground and its test each bring their own runtime. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly data: ArrayLike<number>;
  toArray(): unknown;
}

/** One tensor (or plain value) of a result, named by its path in the returned structure. */
export interface Leaf {
  readonly path: string;
  readonly value: TensorLike | number | boolean;
}

export function isTensorLike(value: unknown): value is TensorLike {
  return typeof value === "object" && value !== null && "shape" in value && "data" in value && typeof (value as TensorLike).toArray === "function";
}

/** The leaves of a result in the arrays and objects vmap returns, depth first. */
export function resultLeaves(value: unknown, path = "result"): Leaf[] {
  if (isTensorLike(value) || typeof value === "number" || typeof value === "boolean") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => resultLeaves(item, `${path}[${index}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([key, item]) => resultLeaves(item, `${path}.${key}`));
  throw new TypeError(`${path}: the batched function returned ${String(value)}, not a Tensor`);
}
