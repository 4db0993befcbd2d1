// The sections of `npm run bench`, in the order they run and appear in
// RESULTS.md. A section is one module: { id, title, run(context) } resolving
// to { markdown, failed, data?, files? }. context: { workloads (names),
// defaultMalloc, notCompiled(name), results (Map from an earlier section's id
// to what it resolved to) }. `files` are written next to RESULTS.md.
import batchSweep from "./batch-sweep.mjs";
import chunkMemory from "./chunk-memory.mjs";
import float32 from "./float32.mjs";
import oneProcess from "./one-process.mjs";
import pluginOverhead from "./plugin-overhead.mjs";
import separateProcesses from "./separate-processes.mjs";
import threads from "./threads.mjs";

export const sections = [oneProcess, float32, batchSweep, threads, separateProcesses, chunkMemory, pluginOverhead];
