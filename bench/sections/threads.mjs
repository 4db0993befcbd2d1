// The thread-scaling table: per workload, the compiled vmap at 1, 2, …
// threads (processes/threads.mjs), its time, its speed-up over one thread,
// and whether each thread count's result is byte for byte one thread's.
import { markdownRow } from "../table.mjs";
import { runWorkloadChild } from "./workload-rows.mjs";

export default {
  id: "threads",
  title: "Threads (compiled vmap, 1 to all cores)",
  async run(context) {
    const header = ["workload", "size", "threads", "median ms", "speed-up over 1 thread", "× loop", "workers used", "result vs 1 thread"];
    const lines = [markdownRow(header), markdownRow(header.map((_, i) => (i >= 2 && i <= 5 ? "---:" : "---")))];
    let failed = false;
    let cores;
    for (const name of context.workloads) {
      process.stderr.write(`${name}: threads\n`);
      const answer = await runWorkloadChild(context, "threads.mjs", name);
      if (answer.crashed) {
        failed = true;
        lines.push(markdownRow([name, "", "", "—", "—", "—", "—", answer.crashed.unavailable]));
        continue;
      }
      cores = answer.cores;
      for (const { workload, size, loop, counts } of answer.cases) {
        const one = counts.find((count) => count.threads === 1);
        for (const count of counts) {
          if (count.error) {
            failed = true;
            lines.push(markdownRow([workload, size, String(count.threads), "—", "—", "—", "—", `failed: ${String(count.error?.message ?? count.error)}`]));
            continue;
          }
          failed ||= !count.identical;
          lines.push(
            markdownRow([
              workload,
              size,
              String(count.threads),
              count.medianMs.toPrecision(3),
              one?.medianMs ? `${(one.medianMs / count.medianMs).toFixed(2)}×` : "—",
              loop.medianMs ? `${(count.medianMs / loop.medianMs).toFixed(2)}×` : "—",
              count.threads === 1 ? "—" : count.usedWorkers ? "yes" : "no (not worth it)",
              count.identical ? "identical" : "DIFFERS",
            ]),
          );
        }
      }
    }
    const markdown = [
      `One process per workload, on ${cores ?? "?"} cores: the compiled vmap wrapped as \`vmap(f, { threads: n })\` wraps it, for each n, and the hand-written loop (one thread), interleaved round by round; medians. "workers used": whether any timed call's result came from worker threads (the runtime keeps a batch on the calling thread where it expects no gain).`,
      "",
      lines.join("\n"),
    ].join("\n");
    return { markdown, failed };
  },
};
