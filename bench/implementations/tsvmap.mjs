// The tsvmap side of each workload: the hand-written loop (the limit every
// ratio is against), the compiled vmap on Tensors, on the same values as
// plain JS data (the conversion timed with the call: `np.array`, which
// copies, and `np.asarray`, which wraps a typed array), and on float32
// Tensors, and the per-example loop (vmap.reference). Every compiled row runs
// on one thread (as `threads: 1` makes it) but the all-cores one, which runs
// as a call site without `threads` does on this machine.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { np } = require("tsvmap");
const { withThreads } = require("tsvmap/runtime");

export const handWrittenName = "hand-written loop";
export const compiledName = "tsvmap compiled vmap";
export const allCoresName = "tsvmap compiled vmap, all cores";
export const typedArraysName = "tsvmap compiled, from typed arrays";
export const sharedArraysName = "tsvmap compiled, typed arrays wrapped (np.asarray)";
export const nestedArraysName = "tsvmap compiled, from nested JS arrays";
export const float32Name = "tsvmap compiled, float32 inputs";
export const perExampleName = "per-example loop (vmap.reference)";

/** The rows whose result must agree with the reference for the run to succeed. */
export const tsvmapNames = [handWrittenName, compiledName, allCoresName, typedArraysName, sharedArraysName, nestedArraysName, float32Name, perExampleName];

const tensorOut = { values: (out) => out.data, dtypeOf: (out) => out.dtype };

/** Every tsvmap row, or those named in `only`. */
export function tsvmapImplementations(only = tsvmapNames) {
  const implementation = (name, dtype, prepare) => ({ name, dtype, prepare });
  const fixed = (call, output) => (c) => ({ call: () => call(c), ...output, release() {}, dispose() {} });
  const all = [
    implementation(handWrittenName, "float64", fixed((c) => c.handWritten(), { values: (out) => out, dtypeOf: () => "float64" })),
    implementation(compiledName, "float64", fixed((c) => oneThread(c.batched)(...c.args), tensorOut)),
    implementation(allCoresName, "float64", fixed((c) => c.batched(...c.args), tensorOut)),
    implementation(typedArraysName, "float64", (c) => fromPlainData(c, () => c.args.map(asTypedArray), (typed, shape) => (shape.length === 1 ? typed : np.array(typed, shape)))),
    implementation(sharedArraysName, "float64", (c) => fromPlainData(c, () => c.args.map(asTypedArray), (typed, shape) => (shape.length === 1 ? typed : np.asarray(typed, shape)))),
    // Nested arrays are made anew before each call: kept alive, a million small arrays would slow every other row's garbage collection.
    implementation(nestedArraysName, "float64", (c) => fromPlainData(c, () => c.args.map((t) => t.toArray()), (nested) => np.array(nested), { perCall: true })),
    implementation(float32Name, "float32", (c) => {
      const args = c.args.map((t) => np.array(Float32Array.from(t.data), t.shape));
      const batched = oneThread(c.batchedFloat32 ?? c.batched);
      return { call: () => batched(...args), ...tensorOut, release() {}, dispose() {} };
    }),
    implementation(perExampleName, "float64", fixed((c) => c.perExample(), tensorOut)),
  ];
  return all.filter((implementation) => only.includes(implementation.name));
}

const oneThreadVersions = new WeakMap();

/** `batched` as a call site with `threads: 1` compiles it. */
function oneThread(batched) {
  if (!oneThreadVersions.has(batched)) oneThreadVersions.set(batched, withThreads(batched, 1));
  return oneThreadVersions.get(batched);
}

/** A copy of a Tensor's values that the caller owns, as a program that computed them in plain JS holds them. */
function asTypedArray(tensor) {
  return Float64Array.from(tensor.data);
}

/**
 * The compiled call on plain data, `convert(data, shape)` turning each
 * argument into what the batched function takes, on the clock. `makeData`
 * runs off the clock: once, or before every call with `perCall`.
 */
function fromPlainData(benchCase, makeData, convert, { perCall = false } = {}) {
  const shapes = benchCase.args.map((t) => t.shape);
  let plain = perCall ? undefined : makeData();
  return {
    enter() {
      if (perCall) plain = makeData();
    },
    call: () => oneThread(benchCase.batched)(...plain.map((data, i) => convert(data, shapes[i]))),
    ...tensorOut,
    release() {
      if (perCall) plain = undefined;
    },
    dispose() {},
  };
}
