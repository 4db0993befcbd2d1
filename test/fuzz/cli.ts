import * as path from "node:path";
import { parseArgs } from "node:util";
import { repositoryRoot } from "./compile";
import { formatCounts, fuzz } from "./fuzz";
import { replay } from "./replay";

/*
 * `npm run fuzz -- --count N --seed S [--from P] [--time T] [--no-write]`: generates N
 * programs (or as many as fit in T seconds), prints the four counts, the rate,
 * and each cause of MISMATCH, CRASH and REFUSED; shrinks each MISMATCH/CRASH
 * cause and writes it to fixtures/fuzz-found/<hash>/input.ts.
 *
 * `npm run fuzz -- --replay PATH...` judges saved programs instead (each
 * `input.ts` under the paths, e.g. fixtures/fuzz-found) and prints one verdict each.
 */
const { values, positionals } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    from: { type: "string", default: "0" },
    time: { type: "string" },
    "no-write": { type: "boolean", default: false },
    "shrink-time": { type: "string", default: "60" },
    replay: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

if (values.replay) {
  const verdicts = replay(positionals);
  for (const { file, verdict } of verdicts) console.log(`${verdict.outcome} ${path.relative(process.cwd(), file)}${verdict.outcome === "agree" ? "" : `: ${verdict.cause}\n  ${verdict.detail.split("\n")[0].slice(0, 400)}`}`);
  process.exit(verdicts.some(({ verdict }) => verdict.outcome === "MISMATCH" || verdict.outcome === "CRASH") ? 1 : 0);
}

const report = fuzz({
  count: Number(values.count),
  seed: Number(values.seed),
  from: Number(values.from),
  seconds: values.time === undefined ? undefined : Number(values.time),
  writeFindings: !values["no-write"],
  shrinkSeconds: Number(values["shrink-time"]),
  log: (line) => console.error(line),
});

console.log(`\n${report.programs} programs in ${report.seconds.toFixed(1)} s (${(report.programs / report.seconds).toFixed(1)} programs/s)`);
console.log(formatCounts(report.counts));
for (const finding of report.findings) {
  console.log(`\n${finding.count} × ${finding.cause}`);
  console.log(`  e.g. ${finding.detail.split("\n")[0].slice(0, 400)}`);
  if (finding.fixture !== undefined) {
    const shrunk = finding.shrunkCause !== undefined && finding.shrunkCause !== finding.cause ? ` (shrunk: ${finding.shrunkCause})` : "";
    console.log(`  reproducer: ${path.relative(repositoryRoot, finding.fixture)}${shrunk}`);
  }
}
