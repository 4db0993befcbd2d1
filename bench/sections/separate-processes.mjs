// The second table, as the bench measured before the one-process table: per
// workload, the JavaScript implementations in one fresh process and the Wasm
// peers in another (processes/separate-group.mjs), so that no Wasm heap growth
// slows the typed-array loops. The per-example loop is not timed again when
// the one-process section gave its reference values.
import { formatTable } from "../table.mjs";
import { runWorkloadChild, tsvmapFailed } from "./workload-rows.mjs";

export default {
  id: "separate-processes",
  title: "JavaScript and Wasm implementations in separate processes",
  async run(context) {
    const known = context.results.get("one-process")?.data.expected;
    const rows = [];
    for (const name of context.workloads) {
      process.stderr.write(`${name}: separate processes\n`);
      const javascript = await runWorkloadChild(context, "separate-group.mjs", name, ["javascript"], { expected: known?.get(name) });
      if (javascript.crashed) {
        rows.push(javascript.crashed);
        continue;
      }
      const wasm = await runWorkloadChild(context, "separate-group.mjs", name, ["wasm"], { expected: javascript.cases.map((c) => c.expected) });
      javascript.cases.forEach((c, i) => rows.push(...c.rows, ...(wasm.crashed ? (i === 0 ? [wasm.crashed] : []) : wasm.cases[i].rows)));
    }
    const markdown = [
      "Per workload, the hand-written loop, the compiled vmap and tfjs cpu in one fresh process, then jax-js (float64) and tfjs wasm in another; up to 15 timed calls each, interleaved.",
      "Ratios of a Wasm peer to the loop compare medians taken in two processes.",
      "",
      formatTable(rows),
    ].join("\n");
    return { markdown, data: { rows }, failed: tsvmapFailed(rows) };
  },
};
