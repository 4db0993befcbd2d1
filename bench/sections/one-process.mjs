// The main table: per workload, every implementation timed in ONE process,
// interleaved round by round (processes/one-process.mjs), and the chart of
// its ratios to the hand-written loop.
import { handWrittenName } from "../implementations/tsvmap.mjs";
import { ratioChartSvg } from "../svg-chart.mjs";
import { caseKey, formatTable, ratioToLoop } from "../table.mjs";
import { defaultSchedule } from "../timing.mjs";
import { runWorkloadChild, tsvmapFailed } from "./workload-rows.mjs";

export const chartFile = "results-chart.svg";

export default {
  id: "one-process",
  title: "All implementations in one process",
  async run(context) {
    const rows = [];
    const expected = new Map();
    for (const name of context.workloads) {
      process.stderr.write(`${name}: one process\n`);
      const answer = await runWorkloadChild(context, "one-process.mjs", name);
      if (answer.crashed) {
        rows.push(answer.crashed);
        continue;
      }
      rows.push(...answer.cases.flatMap((c) => c.rows));
      expected.set(name, answer.cases.map((c) => c.expected));
    }
    const { rounds, budgetMs, minSamples, singleCallMs } = defaultSchedule;
    const markdown = [
      `Per workload, one Node process runs every implementation, ${rounds} rounds, each round timing implementation 1, 2, … in turn;`,
      `medians. An implementation leaves the rotation once it has ${minSamples} calls and has spent ${budgetMs / 1000} s, and a first call of ${singleCallMs / 1000} s or more is its only one (the "runs" column).`,
      "",
      formatTable(rows),
      "",
      `![ratio to the hand-written loop, per workload and implementation](${chartFile})`,
    ].join("\n");
    return { markdown, data: { rows, expected }, failed: tsvmapFailed(rows), files: { [chartFile]: chart(rows) } };
  },
};

function chart(rows) {
  const ratio = ratioToLoop(rows);
  const measured = rows.filter((r) => ratio(r) !== undefined && r.implementation !== handWrittenName);
  const series = [...new Set(measured.map((r) => r.implementation))];
  const groups = [...new Set(measured.map(caseKey))].map((label) => ({
    label,
    bars: measured.filter((r) => caseKey(r) === label).map((r) => ({ series: r.implementation, ratio: ratio(r) })),
  }));
  return ratioChartSvg({ title: "tsvmap bench: time ÷ the hand-written Float64Array loop, all implementations in one process", series, groups });
}
