// W1 sumsq over (B, 3) for B = 1, 10, ..., 10^7: the compiled vmap against the
// hand-written loop in one process, interleaved round by round, at every
// size. Where a call is short, one timed sample is many calls in a row, so
// the clock's resolution does not swamp it. Run by sections/batch-sweep.mjs as
// `batch-sweep.mjs SUMSQ_MODULE`; answers { sizes: [...] }.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { answer, receive } from "../child-process.mjs";
import { maxError, verdict } from "../compare.mjs";
import { measureInterleaved } from "../timing.mjs";

const batchSizes = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];
const length = 3;
/** How long one timed sample should take at least, and how many examples at most are checked against the reference per size. */
const sampleMs = 5;
const checkedExamples = 10_000;

const [modulePath] = process.argv.slice(2);
await receive();
const require = createRequire(import.meta.url);
const { sumsq, sumsqBatched, sumsqLoop } = require(modulePath);
const { Random } = require(join(dirname(modulePath), "random.js"));
const { np, vmap } = require("tsvmap");
const reference = vmap.reference(sumsq);
const all = new Random(1).normal(batchSizes[batchSizes.length - 1] * length);

const sizes = [];
for (const batch of batchSizes) {
  process.stderr.write(`  sumsq (${batch}, ${length}): batch-size sweep\n`);
  const data = all.slice(0, batch * length);
  const rows = np.array(data, [batch, length]);
  const { indices, expected } = sampledReference(data, batch);
  const reps = callsPerSample(() => sumsqBatched(rows));
  const repeat = (call) => () => {
    let out;
    for (let r = 0; r < reps; r++) out = call();
    return out;
  };
  const checks = {};
  const entry = (name, call, values) => ({
    prepared: { call: repeat(call), release() {} },
    check: (out) => (checks[name] = verdict(maxError(indices.map((i) => values(out)[i]), expected), "float64")),
  });
  const entries = [entry("loop", () => sumsqLoop(data, batch, length), (out) => out), entry("compiled", () => sumsqBatched(rows), (out) => out.data)];
  const [loop, compiled] = await measureInterleaved(entries);
  sizes.push({ batch, reps, loop, compiled, checks });
}
answer({ sizes });

/** The reference's values at up to `checkedExamples` examples spread over the batch: the per-example loop over all ten million would take two minutes. */
function sampledReference(data, batch) {
  const count = Math.min(batch, checkedExamples);
  const indices = Array.from({ length: count }, (_, i) => Math.floor((i * batch) / count));
  const sample = new Float64Array(count * length);
  indices.forEach((example, i) => sample.set(data.subarray(example * length, (example + 1) * length), i * length));
  return { indices, expected: Float64Array.from(reference(np.array(sample, [count, length])).data) };
}

/** Calls per timed sample, so that a sample takes about `sampleMs`: measured on a warmed-up call. */
function callsPerSample(call) {
  for (let i = 0; i < 2000; i++) call();
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < 1) {
    call();
    calls++;
  }
  const perCallMs = (performance.now() - started) / calls;
  return Math.max(1, Math.min(1_000_000, Math.ceil(sampleMs / perCallMs)));
}
