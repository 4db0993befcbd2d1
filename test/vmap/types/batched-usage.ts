/**
 * Type-level usage of `vmap`, checked by types.test.ts with the TypeScript
 * compiler (never run): `expectTypeOf` states the types `Batched` must give,
 * and each `@ts-expect-error` a call the types must refuse.
 */
import { expectTypeOf } from "vitest";
import { type Batched, type BooleanBatch, type NumberBatch, type Tensor, np, vmap } from "../../../runtime/index";

declare const t: Tensor;

function sumOfSquares(vector: Tensor): number {
  return np.sum(np.square(vector));
}
const batched = vmap(sumOfSquares);
expectTypeOf(batched).parameters.toEqualTypeOf<[vector: Tensor]>();
expectTypeOf(batched).returns.toEqualTypeOf<Tensor>();
expectTypeOf(vmap.reference(sumOfSquares)).toEqualTypeOf(batched);

// A mapped number takes a Tensor or a numeric typed array; an unmapped parameter keeps its type.
const scale = vmap((x: number, w: Tensor) => np.mul(w, x), { inAxes: [0, null] });
expectTypeOf(scale).parameters.toEqualTypeOf<[x: NumberBatch, w: Tensor]>();
scale(new Float64Array(2), t);
scale(new Float32Array(2), t);
scale(new Int32Array(2), t);
scale(t, t);
// @ts-expect-error a JS number has no axis to map
scale(3, t);
// @ts-expect-error a Uint8Array is a batch of booleans
scale(new Uint8Array(2), t);
// @ts-expect-error the unmapped parameter is still a Tensor
scale(t, new Float64Array(2));

const configured = vmap((x: Tensor, cfg: { factor: number; name: string }) => np.mul(x, cfg.factor), {
  inAxes: [0, null],
});
configured(t, { factor: 2, name: "a" });
// @ts-expect-error an unmapped number stays a number
configured(t, { factor: t, name: "a" });

// A mapped boolean takes a Tensor or a Uint8Array; a boolean result becomes a Tensor.
const negate = vmap((flag: boolean) => !flag);
expectTypeOf(negate).parameters.toEqualTypeOf<[flag: BooleanBatch]>();
expectTypeOf(negate).returns.toEqualTypeOf<Tensor>();

// numpy keeps bool: of two booleans, add, mul, maximum and minimum give a boolean; with a number, a number.
expectTypeOf(np.add(true, false)).toEqualTypeOf<boolean>();
expectTypeOf(np.maximum(true, false)).toEqualTypeOf<boolean>();
expectTypeOf(np.mul(true, 2)).toEqualTypeOf<number>();
expectTypeOf(np.abs(true)).toEqualTypeOf<boolean>();
expectTypeOf(np.floor(1.5)).toEqualTypeOf<number>();
expectTypeOf(np.add(t, true)).toEqualTypeOf<Tensor>();
// zerosLike and onesLike give what they are given: a Tensor, a boolean, a number.
expectTypeOf(np.zerosLike(t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.onesLike(true)).toEqualTypeOf<boolean>();
expectTypeOf(np.zerosLike(2)).toEqualTypeOf<number>();
const either = vmap((a: boolean, b: boolean) => np.add(a, b));
expectTypeOf(either).returns.toEqualTypeOf<Tensor>();

// Structured specs apply per key and per element; a spec leaf covers its whole subtree.
const affine = vmap((p: { w: Tensor; b: number }, x: Tensor) => np.add(np.dot(p.w, x), p.b), {
  inAxes: [{ w: null, b: 0 }, 0],
});
expectTypeOf(affine).parameters.toEqualTypeOf<[p: { w: Tensor; b: NumberBatch }, x: Tensor]>();
const scalePair = vmap((pair: [Tensor, number]) => np.mul(pair[0], pair[1]), { inAxes: [[1, 0]] });
expectTypeOf(scalePair).parameters.toEqualTypeOf<[pair: [Tensor, NumberBatch]]>();
const shift = vmap((p: { a: Tensor; b: number }) => np.add(p.a, p.b));
expectTypeOf(shift).parameters.toEqualTypeOf<[p: { a: Tensor; b: NumberBatch }]>();

// Every result leaf becomes a Tensor, structures preserved; a null out axis keeps the leaf's type.
const stats = vmap((row: Tensor) => ({ total: np.sum(row), parts: [row, true] as [Tensor, boolean], none: undefined }));
expectTypeOf(stats).returns.toEqualTypeOf<{ total: Tensor; parts: [Tensor, Tensor]; none: undefined }>();
const tagged = vmap((v: number) => [v, "tag"] as const, { outAxes: [0, null] });
expectTypeOf(tagged).returns.toEqualTypeOf<readonly [Tensor, "tag"]>();

// Nesting: the inner batched function is just a function.
const distance = (p: Tensor, q: Tensor): number => np.sqrt(np.sum(np.square(np.sub(p, q))));
const pairwise = vmap(vmap(distance, { inAxes: [null, 0] }), { inAxes: [0, null] });
expectTypeOf(pairwise).parameters.toEqualTypeOf<[p: Tensor, q: Tensor]>();
expectTypeOf(pairwise).returns.toEqualTypeOf<Tensor>();
expectTypeOf<Batched<typeof distance, { inAxes: [0, null] }>>().toEqualTypeOf<(p: Tensor, q: Tensor) => Tensor>();

// Specs must fit the parameters.
// @ts-expect-error one spec per parameter
vmap(distance, { inAxes: [0, null, 0] });
// @ts-expect-error the spec's keys must be the argument's
vmap((p: { w: Tensor }) => p.w, { inAxes: [{ v: 0 }] });
// @ts-expect-error a spec is a number, null, or a structure of them
vmap(distance, { inAxes: "0" });

// numpy's var, std, any, all, cumsum, cumprod and diff: a number or boolean with no axis, else a Tensor.
expectTypeOf(np.var(t)).toEqualTypeOf<number>();
expectTypeOf(np.std(t, 0, false, 1)).toEqualTypeOf<Tensor>();
expectTypeOf(np.var(t, undefined, true)).toEqualTypeOf<Tensor>();
expectTypeOf(np.any(t)).toEqualTypeOf<boolean>();
expectTypeOf(np.all(t, -1)).toEqualTypeOf<Tensor>();
expectTypeOf(np.cumsum(t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.cumprod(t, 0)).toEqualTypeOf<Tensor>();
expectTypeOf(np.diff(t, 2, 0)).toEqualTypeOf<Tensor>();
const screened = vmap((row: Tensor) => (np.any(np.less(row, 0)) ? np.std(row) : np.var(row)));
expectTypeOf(screened).returns.toEqualTypeOf<Tensor>();
// @ts-expect-error ddof is a number
np.var(t, 0, false, "1");

// numpy's inverse and hyperbolic functions, logs, roots, tests, arctan2 and hypot: a number (boolean) for numbers, else a Tensor.
expectTypeOf(np.arctan2(1, 2)).toEqualTypeOf<number>();
expectTypeOf(np.arctan2(t, 2)).toEqualTypeOf<Tensor>();
expectTypeOf(np.hypot(3, t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.arcsin(0.5)).toEqualTypeOf<number>();
expectTypeOf(np.log10(t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.isnan(Number.NaN)).toEqualTypeOf<boolean>();
expectTypeOf(np.isfinite(t)).toEqualTypeOf<Tensor>();
const angles = vmap((p: Tensor): number => np.arctan2(np.at(p, 1), np.at(p, 0)));
expectTypeOf(angles).returns.toEqualTypeOf<Tensor>();
// @ts-expect-error arctan2 takes two operands
np.arctan2(t);

// np.linalg.norm: a number of every element, a Tensor along an axis.
expectTypeOf(np.linalg.norm(t)).toEqualTypeOf<number>();
expectTypeOf(np.linalg.norm(t, 1, -1)).toEqualTypeOf<Tensor>();
expectTypeOf(np.linalg.norm(t, null, undefined, true)).toEqualTypeOf<Tensor>();
const lengths = vmap((row: Tensor): number => np.linalg.norm(row));
expectTypeOf(lengths).returns.toEqualTypeOf<Tensor>();
// @ts-expect-error ord is a number, "fro" or null
np.linalg.norm(t, "nuc");

// np.einsum: always a Tensor (rank 0 for an empty output), as numpy's is an array.
expectTypeOf(np.einsum("ij,jk->ik", t, t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.einsum("i,i->", t, t)).toEqualTypeOf<Tensor>();
const contracted = vmap((a: Tensor, b: Tensor) => np.einsum("ij,jk->ik", a, b), { inAxes: [0, null] });
expectTypeOf(contracted).returns.toEqualTypeOf<Tensor>();
// @ts-expect-error the subscripts are a string
np.einsum(1, t);

// np.asarray: a Tensor from a typed array (not copied), a Tensor, or nested arrays.
expectTypeOf(np.asarray(new Float64Array(6), [2, 3])).toEqualTypeOf<Tensor>();
expectTypeOf(np.asarray(t)).toEqualTypeOf<Tensor>();

// np.sort, argsort, flip, tril, triu: a Tensor.
expectTypeOf(np.sort(t, null)).toEqualTypeOf<Tensor>();
expectTypeOf(np.argsort(t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.flip(t, [0, 1])).toEqualTypeOf<Tensor>();
expectTypeOf(np.tril(t, -1)).toEqualTypeOf<Tensor>();
expectTypeOf(np.diagonal(t, 1, 0, -1)).toEqualTypeOf<Tensor>();
expectTypeOf(np.median(t)).toEqualTypeOf<number>();
expectTypeOf(np.median(t, 0)).toEqualTypeOf<Tensor>();

// np.linalg.det: a number for a matrix, a Tensor for a stack (the rank is not in the type); inv and solve: Tensors.
expectTypeOf(np.linalg.det(t)).toEqualTypeOf<Tensor | number>();
expectTypeOf(np.linalg.inv(t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.linalg.cholesky(t)).toEqualTypeOf<Tensor>();
expectTypeOf(np.linalg.solve(t, t)).toEqualTypeOf<Tensor>();
const solved = vmap((a: Tensor, b: Tensor): Tensor => np.linalg.solve(a, b));
expectTypeOf(solved).returns.toEqualTypeOf<Tensor>();
// @ts-expect-error solve takes a and b
np.linalg.solve(t);

// np.trace: a number for a matrix, a Tensor along other axes (the rank is not in the type).
expectTypeOf(np.trace(t)).toEqualTypeOf<Tensor | number>();
const traces = vmap((m: Tensor) => np.trace(m) as number);
expectTypeOf(traces).returns.toEqualTypeOf<Tensor>();

// np.cross: a Tensor of 3-vectors.
expectTypeOf(np.cross(t, t)).toEqualTypeOf<Tensor>();
