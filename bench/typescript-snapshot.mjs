// How fast TypeScript could be ready for a cold tsvmap compile if it started
// from a V8 startup snapshot (issue 10's cold-build goal; not used by the
// plugin yet). Builds two snapshots with `node --build-snapshot`
// (snapshot/entry.cjs): the lib files of vite's template lib set parsed and
// bound, and all of TypeScript's lib files. Then times, in interleaved rounds
// of fresh processes, one user file's program, checker and semantic
// diagnostics from each snapshot and from a plain start (require TypeScript,
// parse and bind the libs). Prints medians of wall time and of each step.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const rounds = Number(process.env.ROUNDS ?? 7);
const lib = process.env.LIB ?? "ES2022,DOM,DOM.Iterable";
const typescriptFile = require.resolve("typescript/lib/typescript.js");
const entry = fileURLToPath(new URL("snapshot/entry.cjs", import.meta.url));

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-snapshot-")));
const userFile = path.join(dir, "user.ts").replace(/\\/g, "/");
fs.writeFileSync(path.join(dir, "warm-up.ts"), "export const warm: number[] = [1, 2].map((x) => x * 2);\n");
fs.writeFileSync(userFile, "export const doubled: number[] = [1, 2].map((x) => x * 2);\nexport const title = document.title;\n");

const plainStart = `
const ts = require(${JSON.stringify(typescriptFile)});
const ready = performance.now();
const options = { target: ts.ScriptTarget.ES2022, lib: ${JSON.stringify(lib.split(",").map((name) => `lib.${name.toLowerCase()}.d.ts`))}, noEmit: true, types: [], strict: true };
const program = ts.createProgram([process.argv[1]], options, ts.createCompilerHost(options));
program.getTypeChecker();
const checked = performance.now();
const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(process.argv[1]));
console.log(JSON.stringify({ ready, programAndChecker: checked - ready, diagnostics: performance.now() - checked, errors: diagnostics.length, libFiles: program.getSourceFiles().length - 1 }));
`;

function buildSnapshot(name, allLibs) {
  const blob = path.join(dir, `${name}.blob`);
  const start = performance.now();
  const built = spawnSync(process.execPath, ["--snapshot-blob", blob, "--build-snapshot", entry], {
    env: { ...process.env, TYPESCRIPT_FILE: typescriptFile, LIB: lib, ALL_LIBS: allLibs ? "1" : "0", WARM_UP_FILE: path.join(dir, "warm-up.ts").replace(/\\/g, "/") },
    encoding: "utf8",
  });
  if (built.status !== 0) throw new Error(`building the ${name} snapshot failed:\n${built.stderr}`);
  return { blob, seconds: (performance.now() - start) / 1000, megabytes: fs.statSync(blob).size / 2 ** 20 };
}

function run(args) {
  const start = performance.now();
  const child = spawnSync(process.execPath, args, { encoding: "utf8" });
  const wall = performance.now() - start;
  if (child.status !== 0) throw new Error(`${args.join(" ")} failed:\n${child.stderr}`);
  return { wall, ...JSON.parse(child.stdout) };
}

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

try {
  const snapshots = { "snapshot, lib set": buildSnapshot("lib-set", false), "snapshot, all libs": buildSnapshot("all-libs", true) };
  const starts = {
    "plain start": ["-e", plainStart, userFile],
    ...Object.fromEntries(Object.entries(snapshots).map(([label, { blob }]) => [label, ["--snapshot-blob", blob, userFile]])),
  };
  const samples = Object.fromEntries(Object.keys(starts).map((label) => [label, []]));
  for (let round = 0; round < rounds; round++) for (const [label, args] of Object.entries(starts)) samples[label].push(run(args));
  console.log(`one user file's program, checker and semantic diagnostics from a fresh process, lib ${lib}; medians of ${rounds} interleaved rounds`);
  for (const [label, runs] of Object.entries(samples)) {
    const of = (key) => median(runs.map((run) => run[key])).toFixed(0).padStart(5);
    const snapshot = snapshots[label];
    const built = snapshot === undefined ? "" : `   (blob ${snapshot.megabytes.toFixed(1)} MB, built in ${snapshot.seconds.toFixed(1)} s)`;
    console.log(`  ${label.padEnd(20)} wall ${of("wall")} ms   ready ${of("ready")} ms   program+checker ${of("programAndChecker")} ms   diagnostics ${of("diagnostics")} ms   lib files ${runs[0].libFiles}${built}`);
    if (runs.some((run) => run.errors !== 0)) throw new Error(`${label}: the user file has type errors`);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
