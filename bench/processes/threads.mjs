// One workload's compiled vmap at 1, 2, 4, … threads (up to the cores Node
// reports), and the hand-written loop, interleaved round by round in this one
// process. Each thread count is the same compiled function wrapped as a
// `threads` call site wraps it. Every thread count's result is compared byte
// for byte with one thread's. Run by sections/threads.mjs as `threads.mjs
// COMPILED_MODULE`; answers { cores, cases: [{ workload, size, loop, counts }] }.
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { answer, receive } from "../child-process.mjs";
import { measureInterleaved } from "../timing.mjs";

const [modulePath] = process.argv.slice(2);
await receive();
const require = createRequire(import.meta.url);
const workload = require(modulePath);
const { threadStatistics, withThreads } = require("tsvmap/runtime");
const cores = availableParallelism();
const counts = [...new Set([1, 2, 4, 8, 16, 32, 64].filter((count) => count < cores).concat(cores))];

/** The first Tensor of a result (the workloads return one Tensor, or a structure of them). */
function firstTensor(result) {
  if (result?.data !== undefined) return result;
  return Object.values(result).map(firstTensor).find((tensor) => tensor !== undefined);
}

const cases = [];
for (const benchCase of workload.cases()) {
  process.stderr.write(`  ${benchCase.workload} ${benchCase.size}: threads ${counts.join(", ")}\n`);
  let oneThread;
  const usedWorkers = counts.map(() => false);
  const identical = counts.map(() => undefined);
  const entries = [
    { prepared: { call: () => benchCase.handWritten(), release() {} } },
    ...counts.map((count, index) => {
      const batched = withThreads(benchCase.batched, count);
      return {
        prepared: {
          call() {
            const before = threadStatistics().runsOnWorkers;
            const result = batched(...benchCase.args);
            usedWorkers[index] ||= threadStatistics().runsOnWorkers > before;
            return result;
          },
          release() {},
        },
        check(result) {
          const bytes = new Uint8Array(firstTensor(result).data.slice().buffer);
          oneThread ??= bytes;
          identical[index] = bytes.length === oneThread.length && bytes.every((byte, at) => byte === oneThread[at]);
        },
      };
    }),
  ];
  const [loop, ...timings] = await measureInterleaved(entries);
  cases.push({
    workload: benchCase.workload,
    size: benchCase.size,
    loop,
    counts: counts.map((threads, index) => ({ threads, ...timings[index], usedWorkers: usedWorkers[index], identical: identical[index] })),
  });
}
answer({ cores, cases });
