// `npm run bench`: the benchmarks of DESIGN §7. Compiles the workloads with the
// tsvmap plugin, runs each workload in its own process (run-workload.mjs), and
// prints one table of medians and ratios to the hand-written loop.
// `node bench/run.mjs softmax select` runs only the workloads named.
//
// The workloads run with glibc malloc told to keep the memory it frees rather
// than hand it back to the OS: on this project's VMs, touching memory fresh
// from the OS costs ~30 ms per 8 MB, and whether a call gets fresh or reused
// memory otherwise decides its time (see README, "Memory"). The Wasm peers
// keep their heap anyway. `--default-malloc` measures with malloc as it comes.
import { fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { compileWorkloads, compiledWorkload } from "./compile-workloads.mjs";
import { compiledName, handWrittenName, perExampleName } from "./implementations/tsvmap.mjs";
import { packageVersion } from "./package-version.mjs";
import { formatTable } from "./table.mjs";

/** glibc malloc settings: never mmap (so no block is unmapped when freed) and never trim the heap, so freed memory is reused without new page faults. */
const keepFreedMemory = { MALLOC_MMAP_MAX_: "0", MALLOC_TRIM_THRESHOLD_: String(2 ** 40) };
const tsvmapRows = [handWrittenName, compiledName, perExampleName];
const workloads = ["sumsq", "affine", "blackscholes", "softmax", "pairwise", "select"];
const flags = process.argv.slice(2).filter((arg) => arg.startsWith("--"));
const names = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const defaultMalloc = flags.includes("--default-malloc");
const unknownFlags = flags.filter((flag) => flag !== "--default-malloc");
if (unknownFlags.length > 0) throw new RangeError(`bench: unknown option ${unknownFlags.join(", ")}; the only option is --default-malloc`);
const chosen = names.length > 0 ? names : workloads;
const unknown = chosen.filter((name) => !workloads.includes(name));
if (unknown.length > 0) throw new RangeError(`bench: unknown workload ${unknown.join(", ")}; the workloads are ${workloads.join(", ")}`);

const diagnostics = compileWorkloads();
if (diagnostics) process.stderr.write(`tspc reported diagnostics; a workload they name is not compiled:\n${diagnostics}\n`);

const started = Date.now();
const loadBefore = loadAverage();
const rows = [];
for (const name of chosen) {
  process.stderr.write(`${name}\n`);
  const workloadRows = await runWorkload(name);
  if (diagnostics.includes(`workloads/${name}.ts`)) {
    for (const row of workloadRows) {
      if (row.implementation === compiledName && row.check) row.check = { ok: false, text: `NOT COMPILED (see the tspc diagnostics); ${row.check.text}` };
    }
  }
  rows.push(...workloadRows);
}

const peers = ["typescript", "@jax-js/jax", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"].map((name) => `${name} ${tryVersion(name)}`);
console.log(`tsvmap bench, ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
console.log(`${peers.join(", ")}`);
console.log(`${((Date.now() - started) / 1000).toFixed(0)} s of measuring; load average ${loadBefore} before, ${loadAverage()} after`);
console.log(`memory: ${defaultMalloc ? "glibc malloc as it comes (--default-malloc)" : "glibc malloc keeps freed memory"}\n`);
console.log(formatTable(rows));
// A peer's inaccuracy is a finding for the table; a wrong tsvmap result is a failure of the run.
if (rows.some((row) => (tsvmapRows.includes(row.implementation) && !row.check?.ok) || row.crashedGroup === "javascript")) process.exitCode = 1;

/** Both groups of a workload's implementations (see run-workload.mjs), their rows merged case by case. */
async function runWorkload(name) {
  const javascript = await runGroup(name, "javascript");
  if (!Array.isArray(javascript)) return [javascript];
  const wasm = await runGroup(name, "wasm", javascript.map((result) => result.expected));
  return javascript.flatMap((result, i) => [...result.rows, ...(Array.isArray(wasm) ? wasm[i].rows : i === 0 ? [wasm] : [])]);
}

/** The group's cases, or one row saying why its process reported nothing. */
function runGroup(name, group, expected) {
  return new Promise((resolve) => {
    const env = defaultMalloc ? process.env : { ...process.env, ...keepFreedMemory };
    const script = fileURLToPath(new URL("./run-workload.mjs", import.meta.url));
    const child = fork(script, [compiledWorkload(name), group], { env, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    if (expected) child.send(expected);
    let cases;
    child.on("message", (message) => (cases = message));
    child.on("exit", (code, signal) => {
      const ended = `the ${group} process ended with ${signal ?? `exit code ${code}`} before reporting`;
      resolve(cases ?? { workload: name, size: "", implementation: `every ${group} implementation`, crashedGroup: group, unavailable: ended });
    });
  });
}

/** The 1-minute load average: other work on the machine shows up here, and in the medians. */
function loadAverage() {
  return loadavg()[0].toFixed(2);
}

function tryVersion(name) {
  try {
    return packageVersion(name);
  } catch {
    return "not installed";
  }
}
