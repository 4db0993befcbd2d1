// The float32 table: the float32 rows of the one-process run, side by side,
// against the hand-written float64 loop and against tfjs wasm (XNNPACK SIMD),
// the next mark. Nothing is run again: the rows were timed in the same
// process and rounds as everything else.
import { float32Name } from "../implementations/tsvmap.mjs";
import { caseKey, dtypeText, formatMs, formatTimes, markdownRow, ratioToLoop } from "../table.mjs";

export default {
  id: "float32",
  title: "float32",
  run(context) {
    const oneProcess = context.results.get("one-process");
    if (!oneProcess) return { markdown: "Not run: the float32 rows are measured by the one-process section (`--only=one-process,float32`).", failed: false };
    const { rows } = oneProcess.data;
    const ratio = ratioToLoop(rows);
    const float32 = rows.filter((r) => r.dtype === "float32" && r.medianMs !== undefined);
    const header = ["workload", "size", "implementation", "dtype", "median ms", "× loop (float64)", "× tfjs wasm", "× best jax-js float32", "check"];
    const lines = [markdownRow(header), markdownRow(header.map((_, i) => (i >= 4 && i <= 7 ? "---:" : "---")))];
    for (const r of float32) {
      const sameCase = float32.filter((other) => caseKey(other) === caseKey(r));
      const tfjsWasm = sameCase.find((other) => other.implementation === "tfjs wasm")?.medianMs;
      const jaxTimes = sameCase.filter((other) => other.implementation.startsWith("jax-js")).map((other) => other.medianMs);
      const bestJax = jaxTimes.length > 0 ? Math.min(...jaxTimes) : undefined;
      lines.push(markdownRow([r.workload, r.size, r.implementation, dtypeText(r), formatMs(r.medianMs), formatTimes(ratio(r)), formatTimes(tfjsWasm && r.medianMs / tfjsWasm), formatTimes(bestJax && r.medianMs / bestJax), r.check.text]));
    }
    const markdown = [
      `The float32 rows of the table above. "${float32Name}" hands the compiled vmap float32 Tensors (for affine, W and b are float32 too).`,
      "Its fused kernels have a float32 function beside the float64 one, rounding each element as float32 Tensors store it (`Math.fround`), so float32 data is fused too; a per-example `number` is a JS number, so sumsq, blackscholes, pairwise and select give float64 results from float32 inputs (the dtype column says so). Checked against the float64 reference at float32 tolerance.",
      "",
      lines.join("\n"),
    ].join("\n");
    return { markdown, failed: false };
  },
};
