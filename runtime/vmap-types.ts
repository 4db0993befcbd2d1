import type { Tensor } from "./tensor";
import type { TypedArray } from "./dtype";
import type { AxisSpec } from "./pytree";

export type { AxisSpec } from "./pytree";

/** What a mapped `number` parameter accepts: a Tensor, or a typed array read as a 1-D batch of its class's dtype. */
export type NumberBatch = Tensor | Float64Array | Float32Array | Int32Array;

/** What a mapped `boolean` parameter accepts: a Tensor, or a Uint8Array read as a 1-D bool batch. */
export type BooleanBatch = Tensor | Uint8Array;

type IsAny<T> = 0 extends 1 & T ? true : false;

/** The axis specs that fit a value of type `T`: an axis or null for the whole value, or a spec per element or key. */
export type AxisSpecFor<T> =
  IsAny<T> extends true
    ? AxisSpec
    : number | null | StructuredSpecFor<T>;

type StructuredSpecFor<T> = T extends Tensor | TypedArray | ((...args: never[]) => unknown)
  ? never
  : T extends readonly unknown[]
    ? { readonly [K in keyof T]: AxisSpecFor<T[K]> }
    : T extends object
      ? { readonly [K in keyof T]: AxisSpecFor<T[K]> }
      : never;

/**
 * `vmap`'s options for a function with parameters `Args`.
 *
 * `inAxes`: one spec for every argument (not an array), or an array with one
 * spec per argument — so a spec for a single array-valued argument is written
 * `[[0, null]]`. Default `0`.
 * `outAxes`: a spec for the result (a prefix of its structure). Default `0`.
 * `axisSize`: the batch size; required when no argument is mapped.
 * `chunkSize`: compiled code runs the batch this many examples at a time, so
 * no intermediate is larger than a chunk's (the results are the same).
 * `threads`: how many threads compiled code may split a large batch across,
 * the calling one included (default: the `TSVMAP_THREADS` environment
 * variable, else every core; 1 turns worker threads off). The results are
 * bit-identical to one thread's.
 */
export interface VmapOptions<Args extends readonly unknown[] = readonly any[]> {
  readonly inAxes?: Exclude<AxisSpecFor<Args[number]>, readonly unknown[]> | { readonly [K in keyof Args]: AxisSpecFor<Args[K]> };
  readonly outAxes?: AxisSpec;
  readonly axisSize?: number;
  readonly chunkSize?: number;
  readonly threads?: number;
}

type OptionOf<O, Key extends keyof VmapOptions> = Key extends keyof O
  ? [Exclude<O[Key], undefined>] extends [never]
    ? 0
    : Exclude<O[Key], undefined>
  : 0;

/**
 * The type of `vmap(fn, options)`: each parameter of `fn` is batched where
 * `inAxes` maps it (a `number` becomes a `NumberBatch`, a `boolean` a
 * `BooleanBatch`, a Tensor stays a Tensor; structures map per key or element),
 * an unmapped (`null`) parameter keeps its type; each result leaf (`number`,
 * `boolean`, Tensor) that `outAxes` maps becomes a Tensor, in the same structure.
 */
export type Batched<F extends (...args: any[]) => any, O = {}> = (
  ...args: BatchedParameters<Parameters<F>, OptionOf<O, "inAxes">>
) => BatchedResult<ReturnType<F>, OptionOf<O, "outAxes">>;

type SpecAt<S, K> = K extends keyof S ? S[K] : never;

type BatchedParameters<Args extends readonly unknown[], S> = S extends readonly unknown[]
  ? { [K in keyof Args]: BatchedInput<Args[K], SpecAt<S, K>> }
  : { [K in keyof Args]: BatchedInput<Args[K], S> };

type BatchedInput<T, S> =
  IsAny<T> extends true
    ? T
    : S extends null
      ? T
      : S extends number
        ? MappedInput<T>
        : S extends readonly unknown[]
          ? T extends readonly unknown[]
            ? { [K in keyof T]: BatchedInput<T[K], SpecAt<S, K>> }
            : never
          : S extends object
            ? { [K in keyof T]: BatchedInput<T[K], SpecAt<S, K>> }
            : never;

type MappedInput<T> = T extends number
  ? NumberBatch
  : T extends boolean
    ? BooleanBatch
    : T extends Tensor
      ? Tensor
      : T extends null | undefined
        ? T
        : T extends TypedArray | ((...args: never[]) => unknown)
          ? never
          : T extends object
            ? { [K in keyof T]: MappedInput<T[K]> }
            : never;

type BatchedResult<R, S> =
  IsAny<R> extends true
    ? R
    : S extends null
      ? R
      : S extends number
        ? StackedResult<R>
        : S extends readonly unknown[]
          ? R extends readonly unknown[]
            ? { [K in keyof R]: BatchedResult<R[K], SpecAt<S, K>> }
            : never
          : S extends object
            ? { [K in keyof R]: BatchedResult<R[K], SpecAt<S, K>> }
            : never;

type StackedResult<R> = R extends number | boolean | Tensor | TypedArray
  ? Tensor
  : R extends null | undefined | void
    ? R
    : R extends (...args: never[]) => unknown
      ? never
      : R extends object
        ? { [K in keyof R]: StackedResult<R[K]> }
        : never;
