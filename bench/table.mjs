// The results as a Markdown table: one row per implementation per workload,
// with its median and its ratio to the hand-written loop of the same workload.

import { handWrittenName } from "./implementations/tsvmap.mjs";

export function formatTable(rows) {
  const limits = new Map(rows.filter((r) => r.implementation === handWrittenName && r.medianMs !== undefined).map((r) => [key(r), r.medianMs]));
  const header = ["workload", "size", "implementation", "dtype", "median ms", "× loop", "runs", "check against vmap.reference"];
  const lines = [row(header), row(header.map((_, i) => (i >= 4 && i <= 6 ? "---:" : "---")))];
  for (const r of rows) {
    if (r.unavailable) {
      lines.push(row([r.workload, r.size, r.implementation, r.dtype ?? "", "—", "—", "—", `not run: ${r.unavailable}`]));
      continue;
    }
    const limit = limits.get(key(r));
    const ratio = limit ? `${(r.medianMs / limit).toFixed(2)}×` : "—";
    lines.push(row([r.workload, r.size, r.implementation, r.dtype, formatMs(r.medianMs), ratio, String(r.samples), r.check.text]));
  }
  return lines.join("\n");
}

function key(r) {
  return `${r.workload} ${r.size}`;
}

function row(cells) {
  return `| ${cells.join(" | ")} |`;
}

function formatMs(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}
