// The batch-size sweep: W1 sumsq over (B, 3), compiled vmap ÷ hand-written
// loop per B, and the fixed cost of a call at B = 1 (processes/batch-sweep.mjs).
import { runChild } from "../child-process.mjs";
import { compiledWorkload } from "../compile-workloads.mjs";
import { markdownRow } from "../table.mjs";

export default {
  id: "batch-sweep",
  title: "Batch-size sweep (W1 sumsq over (B, 3))",
  async run(context) {
    if (!context.workloads.includes("sumsq")) return { markdown: "Not run: the sweep is of sumsq, which this run left out.", failed: false };
    process.stderr.write("sumsq: batch-size sweep\n");
    const answer = await runChild("batch-sweep.mjs", [compiledWorkload("sumsq")], {}, context);
    if (answer.crashed) return { markdown: `Not measured: ${answer.crashed}.`, failed: true };
    const header = ["B", "hand-written loop µs/call", "compiled µs/call", "compiled × loop", "calls per sample", "runs (loop, compiled)", "check against vmap.reference (loop; compiled)"];
    const lines = [markdownRow(header), markdownRow(header.map((_, i) => (i >= 1 && i <= 4 ? "---:" : "---")))];
    let failed = false;
    for (const { batch, reps, loop, compiled, checks } of answer.sizes) {
      if (loop.error || compiled.error) {
        failed = true;
        lines.push(markdownRow([batch.toLocaleString("en-US"), "—", "—", "—", String(reps), "—", `failed: ${String((loop.error ?? compiled.error)?.message ?? "")}`]));
        continue;
      }
      failed ||= !checks.loop.ok || !checks.compiled.ok;
      const [loopUs, compiledUs] = [loop, compiled].map((timing) => (timing.medianMs * 1000) / reps);
      lines.push(markdownRow([batch.toLocaleString("en-US"), formatUs(loopUs), formatUs(compiledUs), `${(compiledUs / loopUs).toFixed(2)}×`, String(reps), `${loop.samples}, ${compiled.samples}`, `${checks.loop.text}; ${checks.compiled.text}`]));
    }
    const one = answer.sizes.find((size) => size.batch === 1 && !size.compiled.error);
    const fixed = one ? `Fixed cost of a compiled call (B = 1): ${formatUs((one.compiled.medianMs * 1000) / one.reps)} µs (the hand-written loop: ${formatUs((one.loop.medianMs * 1000) / one.reps)} µs).` : "";
    const markdown = [
      "One process, the two interleaved round by round at each B (inputs made once per B); one timed sample is as many calls in a row as take ~5 ms. Each B is checked against `vmap.reference` on up to 10,000 examples spread over the batch.",
      "",
      lines.join("\n"),
      "",
      fixed,
    ].join("\n");
    return { markdown, data: answer, failed };
  },
};

function formatUs(us) {
  return us >= 100 ? us.toFixed(0) : us >= 10 ? us.toFixed(1) : us.toFixed(2);
}
