// Runs the sites of fixtures/threads on batches large enough for worker
// threads, calling each until workers computed chunks of a call
// (threadStatistics says) or 60 calls have passed, and prints as JSON, per
// site, whether workers were used, how many chunks they computed, and a digest
// of the last result's bytes, for the test to compare across thread counts and processes.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

// The emitted file, as a user project holds it: next to a node_modules/tsvmap that is this checkout.
const repository = fileURLToPath(new URL("../..", import.meta.url));
const project = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-threads-"));
fs.mkdirSync(path.join(project, "node_modules"));
fs.symlinkSync(repository, path.join(project, "node_modules", "tsvmap"), "dir");
fs.copyFileSync(path.join(repository, "fixtures", "threads", "output.js"), path.join(project, "sites.js"));
process.on("exit", () => fs.rmSync(project, { recursive: true, force: true }));
const require = createRequire(path.join(project, "sites.js"));
const fixture = require("./sites.js");
const { Tensor } = require("tsvmap");
const { fuseExamples, threadStatistics } = require("tsvmap/runtime");

let seed = 12345;
const uniform = (length, lo, hi) => Float64Array.from({ length }, () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return lo + ((hi - lo) * seed) / 2 ** 32;
});
const batch = 400_000;
const points = 1500;
const args = {
  discounted: [new Tensor(uniform(batch * 4, 0, 120), [batch, 4], "float64"), new Tensor(uniform(batch, 0, 10), [batch], "float64")],
  normalized: [new Tensor(uniform(batch * 4, 0, 120), [batch, 4], "float64")],
  waves: [new Tensor(uniform(120, -2, 2), [120], "float64"), new Tensor(uniform(110, -2, 2), [110], "float64"), new Tensor(uniform(100, -2, 2), [100], "float64")],
  pairwise: [new Tensor(uniform(points * 3, -1, 1), [points, 3], "float64"), new Tensor(uniform(points * 3, -1, 1), [points, 3], "float64")],
};
const sites = {
  discountedThreaded: "discounted",
  discountedOneThread: "discounted",
  discountedDefault: "discounted",
  pairwiseThreaded: "pairwise",
  pairwiseOneThread: "pairwise",
  normalizedThreaded: "normalized",
  normalizedOneThread: "normalized",
  wavesThreaded: "waves",
  wavesOneThread: "waves",
};

/**
 * Calls `call` until `done(before, after)` says of the statistics over all its calls so far, or PROBE_CALLS (60)
 * calls have passed. Workers start in the background, and a worker descheduled under load may find every chunk taken.
 */
const maximumCalls = Number(process.env.PROBE_CALLS ?? 60);
async function callUntil(call, done) {
  const before = threadStatistics();
  for (let calls = 1; ; calls++) {
    const result = call();
    const after = threadStatistics();
    if (done(before, after) || calls >= maximumCalls) return { result, workers: after.runsOnWorkers > before.runsOnWorkers, chunksOnWorkers: after.chunksOnWorkers - before.chunksOnWorkers, chunksTakenBack: after.chunksTakenBack - before.chunksTakenBack };
    await sleep(5);
  }
}
const workersComputed = (before, after) => after.chunksOnWorkers > before.chunksOnWorkers;

const report = {};
for (const [site, workload] of Object.entries(sites)) {
  const { result, workers, chunksOnWorkers } = await callUntil(() => fixture[site](...args[workload]), workersComputed);
  const bytes = Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength);
  report[site] = { workers, chunksOnWorkers, plainArray: result.data.buffer instanceof ArrayBuffer, shape: result.shape, digest: createHash("sha256").update(bytes).digest("hex") };
}
// A kernel that reads a name from its scope runs on the calling thread alone; a
// worker given its text cannot (ReferenceError), and the calling thread takes
// that worker's examples back: the result is complete all the same. Called
// until a chunk was taken back (a worker that found every chunk taken tried none).
const scale = 3;
const closing = (count, size, [x], [xStart], [xStep], [out], outStart) => {
  for (let example = 0; example < count; example++) out[outStart + example] = Math.exp(Math.sin(x[xStart + example * xStep])) * scale;
};
const x = new Tensor(uniform(batch, -5, 5), [batch], "float64");
const closure = await callUntil(() => fuseExamples([x], ["example"], 1, [["example", "float64"]], closing)[0], (before, after) => after.chunksTakenBack > before.chunksTakenBack);
const expected = x.data.map((value) => Math.exp(Math.sin(value)) * scale);
report.closure = {
  workers: closure.workers,
  handedBack: closure.chunksTakenBack > 0,
  complete: closure.result.data.every((value, index) => Object.is(value, expected[index])),
};
process.stdout.write(JSON.stringify(report));
