import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { BatchCompiler, generatedDirectory, repositoryRoot } from "./compile";
import { type Outcome, judge } from "./execute";
import { buildModule } from "./generate";
import { type ProgramPlan, programPlan } from "./plan";
import { printModule } from "./print";

export interface FuzzOptions {
  /** How many programs to run (at most; `seconds` may stop it first). */
  readonly count: number;
  readonly seed: number;
  /**
   * Start at this program of the seed's sequence (a multiple of the batch
   * size): each batch is generated from the seed and its own index, so runs
   * from disjoint starts are shards of one longer run.
   */
  readonly from?: number;
  /** Stop generating after this many seconds. */
  readonly seconds?: number;
  /** Programs per `ts.Program`. */
  readonly batchSize?: number;
  /** Shrink each distinct MISMATCH/CRASH cause and write it under fixtures/fuzz-found/. */
  readonly writeFindings?: boolean;
  /** Seconds of shrinking allowed per finding. */
  readonly shrinkSeconds?: number;
  readonly log?: (line: string) => void;
}

/** One cause of MISMATCH, CRASH or REFUSED, with how often it happened and its first (or shrunk) program. */
export interface Finding {
  readonly outcome: Outcome;
  readonly cause: string;
  /** The cause less the forms the program uses: what shrinking keeps. */
  readonly symptom: string;
  /** The cause of the shrunk program, whose forms may be fewer. */
  shrunkCause?: string;
  count: number;
  detail: string;
  /** The plan of its first (then shrunk) program, and that program. */
  plan: ProgramPlan;
  source: string;
  /** Where it came from: `fc.sample(programPlan, { seed, numRuns })[path]`. */
  readonly replay: { readonly seed: number; readonly path: string };
  fixture?: string;
}

export interface FuzzReport {
  readonly counts: Record<Outcome, number>;
  readonly programs: number;
  readonly seconds: number;
  readonly findings: readonly Finding[];
}

export const foundDirectory = path.join(repositoryRoot, "fixtures", "fuzz-found");

/** Each chunk of programs is one fast-check sample with its own seed, so any program can be replayed alone. */
export function chunkSeed(seed: number, chunk: number): number {
  return (Math.imul(seed, 0x9e3779b1) + chunk) | 0;
}

function sourceOf(plan: ProgramPlan, header: readonly string[] = []): string {
  return printModule(buildModule(plan), header);
}

/** Runs generated programs through the transformer and against `vmap.reference`, counting the four outcomes. */
export function fuzz(options: FuzzOptions): FuzzReport {
  const log = options.log ?? (() => {});
  const batchSize = options.batchSize ?? 200;
  const compiler = new BatchCompiler();
  const counts: Record<Outcome, number> = { agree: 0, MISMATCH: 0, CRASH: 0, REFUSED: 0, INVALID: 0 };
  const findings = new Map<string, Finding>();
  const started = Date.now();
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  let programs = 0;
  const firstChunk = Math.floor((options.from ?? 0) / batchSize);
  if (firstChunk * batchSize !== (options.from ?? 0)) throw new RangeError(`fuzz: --from must be a multiple of the batch size ${batchSize}`);
  for (let chunk = firstChunk; programs < options.count && Date.now() < deadline; chunk++) {
    const seed = chunkSeed(options.seed, chunk);
    const plans = fc.sample(programPlan, { seed, numRuns: Math.min(batchSize, options.count - programs) });
    const sources = plans.map((plan, i) => ({ fileName: path.join(generatedDirectory, `case${i}.ts`), text: sourceOf(plan) }));
    compiler.compile(sources).forEach((file, i) => {
      const verdict = judge(file);
      counts[verdict.outcome]++;
      if (verdict.outcome === "agree") return;
      const known = findings.get(verdict.cause);
      if (known !== undefined) known.count++;
      else {
        findings.set(verdict.cause, { outcome: verdict.outcome, cause: verdict.cause, symptom: verdict.symptom, count: 1, detail: verdict.detail, plan: plans[i], source: sources[i].text, replay: { seed, path: String(i) } });
        if (verdict.outcome !== "REFUSED") log(`new: ${verdict.cause} (program ${chunk * batchSize + i})\n${sources[i].text}`);
      }
    });
    programs += plans.length;
    log(`${programs} programs: ${formatCounts(counts)}`);
  }
  const seconds = (Date.now() - started) / 1000;
  const report = { counts, programs, seconds, findings: [...findings.values()].sort((a, b) => b.count - a.count) };
  if (options.writeFindings) {
    for (const finding of report.findings) {
      if (finding.outcome !== "MISMATCH" && finding.outcome !== "CRASH") continue;
      shrink(finding, compiler, options.shrinkSeconds ?? 60);
      finding.fixture = writeFixture(finding, options.seed);
      log(`${finding.cause}\n  -> ${path.relative(repositoryRoot, finding.fixture)}`);
    }
  }
  return report;
}

export function formatCounts(counts: Record<Outcome, number>): string {
  return `agree ${counts.agree}, MISMATCH ${counts.MISMATCH}, CRASH ${counts.CRASH}, REFUSED ${counts.REFUSED}` +
    (counts.INVALID > 0 ? `, INVALID ${counts.INVALID} (generator bugs)` : "");
}

/**
 * Shrinks the finding's plan with fast-check's own shrinker for `programPlan`,
 * greedily: the candidates it proposes are compiled many per `ts.Program` (the
 * first chunks small, later ones larger), and the first that fails with the
 * same symptom (the cause, less the forms the program uses) becomes the new plan. Stops when no candidate fails so, or after
 * `seconds`.
 */
function shrink(finding: Finding, compiler: BatchCompiler, seconds: number): void {
  const until = Date.now() + seconds * 1000;
  let current: fc.Value<ProgramPlan> = new fc.Value(finding.plan, undefined);
  search: while (Date.now() < until) {
    const candidates = programPlan.shrink(current.value, current.context)[Symbol.iterator]();
    for (let chunkSize = 8; Date.now() < until; chunkSize = Math.min(chunkSize * 2, 64)) {
      const chunk: fc.Value<ProgramPlan>[] = [];
      for (let next = candidates.next(); !next.done; next = candidates.next()) {
        chunk.push(next.value);
        if (chunk.length === chunkSize) break;
      }
      if (chunk.length === 0) break search;
      const sources = chunk.map((candidate, i) => ({ fileName: path.join(generatedDirectory, `shrink${i}.ts`), text: sourceOf(candidate.value) }));
      const verdicts = compiler.compile(sources).map(judge);
      const failing = verdicts.findIndex((verdict) => verdict.symptom === finding.symptom);
      if (failing >= 0) {
        current = chunk[failing];
        finding.plan = current.value;
        finding.source = sources[failing].text;
        finding.detail = verdicts[failing].detail;
        finding.shrunkCause = verdicts[failing].cause;
        continue search;
      }
    }
  }
}

/** Writes the finding as fixtures/fuzz-found/<hash>/input.ts, in the positive fixtures' format. */
function writeFixture(finding: Finding, seed: number): string {
  const header = [
    `Found by \`npm run fuzz -- --seed ${seed}\` (program ${finding.replay.path} of fast-check seed ${finding.replay.seed}), then shrunk.`,
    `${finding.outcome}: ${finding.detail.split("\n")[0].slice(0, 300)}`,
    "Move this directory to fixtures/<name>/ once fixed: it then runs as a regression test.",
  ];
  const body = finding.source.replace(/^(\/\/.*\n)*/, "");
  const source = `${header.map((line) => `// ${line}`).join("\n")}\n${body}`;
  const hash = createHash("sha1").update(body).digest("hex").slice(0, 8);
  const directory = path.join(foundDirectory, hash);
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, "input.ts");
  fs.writeFileSync(file, source);
  return file;
}
