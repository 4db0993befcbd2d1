// The results as Markdown tables: one row per implementation per workload
// case, with its median and its ratio to the hand-written loop of the same case.

import { handWrittenName } from "./implementations/tsvmap.mjs";

/** Each measured row's median ÷ the hand-written loop's median for the same case; undefined where either is missing. */
export function ratioToLoop(rows) {
  const limits = new Map(rows.filter((r) => r.implementation === handWrittenName && r.medianMs !== undefined).map((r) => [caseKey(r), r.medianMs]));
  return (r) => {
    const limit = limits.get(caseKey(r));
    return limit && r.medianMs !== undefined ? r.medianMs / limit : undefined;
  };
}

export function formatTable(rows) {
  const ratio = ratioToLoop(rows);
  const header = ["workload", "size", "implementation", "dtype", "median ms", "× loop", "runs", "check against vmap.reference"];
  const lines = [markdownRow(header), markdownRow(header.map((_, i) => (i >= 4 && i <= 6 ? "---:" : "---")))];
  for (const r of rows) {
    if (r.unavailable) {
      lines.push(markdownRow([r.workload, r.size, r.implementation, r.dtype ?? "", "—", "—", "—", `not run: ${r.unavailable}`]));
      continue;
    }
    lines.push(markdownRow([r.workload, r.size, r.implementation, dtypeText(r), formatMs(r.medianMs), formatTimes(ratio(r)), String(r.samples), r.check.text]));
  }
  return lines.join("\n");
}

/** The dtype the row computes in, and what its result came out as when that differs (float32 in, float64 out). */
export function dtypeText(r) {
  return r.outputDtype && r.outputDtype !== r.dtype ? `${r.dtype} in, ${r.outputDtype} out` : r.dtype;
}

export function caseKey(r) {
  return `${r.workload} ${r.size}`;
}

export function markdownRow(cells) {
  return `| ${cells.join(" | ")} |`;
}

export function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 0.1 ? ms.toFixed(2) : ms.toPrecision(2);
}

export function formatTimes(ratio) {
  return ratio === undefined ? "—" : `${ratio.toFixed(2)}×`;
}
