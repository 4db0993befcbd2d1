/**
 * One spec per argument of the batched function: an array of numbers is a
 * tensor of that shape; an array or object of specs is a structured argument.
 */
export type InputSpec = readonly number[] | readonly InputSpec[] | { readonly [key: string]: InputSpec };

/** Reads the inputs field, a JS expression in which `B` is the batch size: `[[B, 3], { weights: [3, 4] }]`. */
export function parseInputSpecs(text: string, batchSize: number): InputSpec[] {
  const specs: unknown = new Function("B", `return (${text});`)(batchSize);
  if (!Array.isArray(specs)) throw new TypeError("sample inputs: write an array with one shape per argument, e.g. [[B, 3], [3]]");
  return specs as InputSpec[];
}

/**
 * Seeded uniform values in [-2, 2], two decimals (short to read, exact to
 * compare): the same specs and seed give the same inputs everywhere.
 */
export function sampleInputs<T>(specs: readonly InputSpec[], makeTensor: (values: Float64Array, shape: number[]) => T, seed = 1): unknown[] {
  const next = mulberry32(seed);
  const sample = (spec: InputSpec): unknown => {
    if (Array.isArray(spec) && spec.every((extent) => typeof extent === "number")) {
      const shape = spec as number[];
      const values = new Float64Array(shape.reduce((size, extent) => size * extent, 1));
      for (let i = 0; i < values.length; i++) values[i] = Math.round(next() * 400 - 200) / 100;
      return makeTensor(values, shape);
    }
    if (Array.isArray(spec)) return spec.map(sample);
    return Object.fromEntries(Object.entries(spec).map(([key, inner]) => [key, sample(inner)]));
  };
  return specs.map(sample);
}

/** A small fast PRNG with a 32-bit state; uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
