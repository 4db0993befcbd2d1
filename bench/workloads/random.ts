/**
 * Seeded inputs, so every run and every machine benchmarks the same numbers.
 * mulberry32 with 53-bit doubles: plenty for benchmark data.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** `count` uniform samples in [lo, hi). */
  uniform(count: number, lo = 0, hi = 1): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = lo + (hi - lo) * this.next();
    return out;
  }

  /** `count` standard normal samples (Box–Muller). */
  normal(count: number, scale = 1): Float64Array {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
      out[i] = scale * radius * Math.cos(2 * Math.PI * this.next());
    }
    return out;
  }

  private next(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  private nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
