// Peak memory of one compiled call with and without `chunkSize`, by bench/chunk-memory.mjs,
// which `npm run bench:memory` runs alone.
import { scriptOutput } from "../script-output.mjs";

export default {
  id: "chunk-memory",
  title: "chunkSize and peak memory",
  async run() {
    process.stderr.write("chunkSize: peak memory\n");
    const { output, crashed } = await scriptOutput("chunk-memory.mjs");
    if (crashed) return { markdown: `Not measured: ${crashed}.`, failed: true };
    const explanation =
      "Each call runs in its own process, which reads its peak resident set (`process.resourceUsage().maxRSS`) before and after one compiled call of bench/memory/workload.ts; the extra peak is what the call added.";
    return { markdown: `${explanation}\n\n${output}`, failed: output.includes("| NO |") };
  },
};
