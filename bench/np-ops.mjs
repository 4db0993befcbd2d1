// Times single np ops on 1e6 elements for one or more builds of tsvmap in ONE
// process, interleaved round by round (garbage collected off the clock), so two builds can be compared fairly
// (the generated loops against an older build's, say):
//
//   node bench/np-ops.mjs                      # this checkout's dist/
//   node bench/np-ops.mjs /tmp/old/dist dist   # two builds side by side
//
// Each build's runtime is loaded from its own directory, so each has its own
// loop functions and V8 type feedback. Prints one Markdown table of medians.
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { collectGarbage } from "./gc.mjs";

const rounds = 40;
const n = 1_000_000;
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["dist"];

function workloads(np) {
  const a = np.array(Float64Array.from({ length: n }, (_, i) => Math.sin(i)));
  const b = np.array(Float64Array.from({ length: n }, (_, i) => Math.cos(i)));
  const a32 = np.array(Float32Array.from(a.data));
  const ints = np.array(Int32Array.from({ length: n }, (_, i) => (i * 7919) | 0));
  const matrix = np.reshape(a, [1000, 1000]);
  const small = np.array([1, 2, 3]);
  return {
    "add f64": () => np.add(a, b),
    "add f64 + scalar": () => np.add(a, 2),
    "add f32": () => np.add(a32, a32),
    "mul int32": () => np.mul(ints, ints),
    "exp f64": () => np.exp(a),
    "neg f64": () => np.neg(a),
    "sum f64": () => np.sum(a),
    "sum axis 0 (1000×1000)": () => np.sum(matrix, 0),
    "max axis 1 (1000×1000)": () => np.max(matrix, 1),
    "argmax f64": () => np.argmax(a),
    "1e5 × add of 3 elements": () => {
      let t = small;
      for (let i = 0; i < 100_000; i++) t = np.add(t, 1);
      return t;
    },
  };
}

const builds = roots.map((root) => {
  const require = createRequire(path.resolve(root, "runtime", "index.js"));
  return { root, cases: workloads(require("./index.js").np) };
});
const names = Object.keys(builds[0].cases);
const samples = builds.map(() => Object.fromEntries(names.map((name) => [name, []])));

for (let round = 0; round < rounds; round++) {
  for (const name of names) {
    builds.forEach((build, b) => {
      collectGarbage();
      const started = performance.now();
      build.cases[name]();
      const ms = performance.now() - started;
      if (round >= 3) samples[b][name].push(ms);
    });
  }
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
console.log(`| op (${n.toLocaleString("en")} elements) | ${roots.map((root) => `${root} ms`).join(" | ")} |${roots.length > 1 ? " ratio |" : ""}`);
console.log(`|---|${roots.map(() => "---:|").join("")}${roots.length > 1 ? "---:|" : ""}`);
for (const name of names) {
  const medians = samples.map((byName) => median(byName[name]));
  const ratio = medians.length > 1 ? ` ${(medians[medians.length - 1] / medians[0]).toFixed(2)} |` : "";
  console.log(`| ${name} | ${medians.map((ms) => ms.toFixed(2)).join(" | ")} |${ratio}`);
}
