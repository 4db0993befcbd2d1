// What the results depend on besides the code: the machine, Node, the peers'
// versions, the commit, and how busy the machine was.
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { packageVersion } from "./package-version.mjs";

const peers = ["typescript", "@jax-js/jax", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm"];

export function machineDescription() {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model.trim() ?? "unknown CPU",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    commit: gitCommit(),
    peers: peers.map((name) => `${name} ${tryVersion(name)}`),
  };
}

/** The 1-minute load average: other work on the machine shows up here, and in the medians. */
export function loadAverage() {
  return loadavg()[0].toFixed(2);
}

function gitCommit() {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return "unknown";
  }
}

function tryVersion(name) {
  try {
    return packageVersion(name);
  } catch {
    return "not installed";
  }
}
