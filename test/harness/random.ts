import type { DType } from "../../runtime/dtype";
import { Tensor, shapeSize } from "../../runtime/tensor";

/**
 * A seeded source of test inputs: the same seed gives the same tensors on
 * every machine, so a failing fixture fails the same way everywhere.
 * The generator is mulberry32 (32-bit state; ample for test data, not for science).
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new TypeError(`Random: seed must be an integer, got ${seed}`);
    this.state = seed >>> 0;
  }

  /** A uniform float64 in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Standard normal samples (Box–Muller), float64. */
  normal(shape: readonly number[]): Tensor {
    return this.fill("normal", shape, "float64", () => {
      const u = 1 - this.next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    });
  }

  /** Uniform samples in [lo, hi), float64. */
  uniform(shape: readonly number[], lo = 0, hi = 1): Tensor {
    if (!(lo < hi)) throw new RangeError(`uniform: empty range [${lo}, ${hi})`);
    return this.fill("uniform", shape, "float64", () => lo + (hi - lo) * this.next());
  }

  /** Uniform integers in [lo, hi), int32 (numpy's convention: `hi` excluded). */
  integers(shape: readonly number[], lo: number, hi: number): Tensor {
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || !(lo < hi)) {
      throw new RangeError(`integers: [${lo}, ${hi}) is not a non-empty range of integers`);
    }
    if (lo < -(2 ** 31) || hi > 2 ** 31) throw new RangeError(`integers: [${lo}, ${hi}) does not fit int32`);
    return this.fill("integers", shape, "int32", () => lo + Math.floor((hi - lo) * this.next()));
  }

  private fill(op: string, shape: readonly number[], dtype: DType, sample: () => number): Tensor {
    if (!shape.every((extent) => Number.isInteger(extent) && extent >= 0)) {
      throw new RangeError(`${op}: shape (${shape.join(", ")}) must hold non-negative integers`);
    }
    const data = dtype === "int32" ? new Int32Array(shapeSize(shape)) : new Float64Array(shapeSize(shape));
    for (let i = 0; i < data.length; i++) data[i] = sample();
    return new Tensor(data, shape, dtype);
  }

  private nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
