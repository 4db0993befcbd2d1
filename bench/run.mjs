// `npm run bench`: the benchmarks of DESIGN §7. Compiles the workloads with the
// tsvmap plugin, runs each section (sections/index.mjs), prints its Markdown,
// and on a full run writes bench/RESULTS.md and the chart beside it.
//
//   node bench/run.mjs                        # everything (after `npm run build`)
//   node bench/run.mjs softmax select         # only these workloads; RESULTS.md is not written
//   node bench/run.mjs --only=batch-sweep     # only these sections (comma-separated ids)
//   node bench/run.mjs --default-malloc       # memory as glibc gives it (see README, "Memory")
import { writeFileSync } from "node:fs";
import { compileWorkloads } from "./compile-workloads.mjs";
import { loadAverage, machineDescription } from "./machine.mjs";
import { resultsMarkdown } from "./results-file.mjs";
import { sections } from "./sections/index.mjs";

const workloads = ["sumsq", "affine", "blackscholes", "softmax", "pairwise", "select"];
const options = parseArguments(process.argv.slice(2));

const diagnostics = compileWorkloads();
if (diagnostics) process.stderr.write(`tspc reported diagnostics; a workload they name is not compiled:\n${diagnostics}\n`);

const started = Date.now();
const loadBefore = loadAverage();
const context = {
  workloads: options.workloads,
  defaultMalloc: options.defaultMalloc,
  notCompiled: (name) => diagnostics.includes(`workloads/${name}.ts`),
  results: new Map(),
};
const chosen = sections.filter((section) => options.sections.includes(section.id));
for (const section of chosen) context.results.set(section.id, await section.run(context));

const run = {
  date: new Date().toISOString().slice(0, 10),
  machine: machineDescription(),
  seconds: Math.round((Date.now() - started) / 1000),
  loadBefore,
  loadAfter: loadAverage(),
  defaultMalloc: options.defaultMalloc,
  sections: chosen.map((section) => ({ title: section.title, ...context.results.get(section.id) })),
};
const markdown = resultsMarkdown(run);
console.log(markdown);
if (options.full) {
  writeFileSync(new URL("./RESULTS.md", import.meta.url), markdown);
  for (const section of run.sections) for (const [name, text] of Object.entries(section.files ?? {})) writeFileSync(new URL(`./${name}`, import.meta.url), text);
  process.stderr.write("wrote bench/RESULTS.md\n");
} else {
  process.stderr.write("bench/RESULTS.md not written: this run left out workloads or sections\n");
}
if (run.sections.some((section) => section.failed)) process.exitCode = 1;

function parseArguments(args) {
  const ids = sections.map((section) => section.id);
  const flags = args.filter((arg) => arg.startsWith("--"));
  const names = args.filter((arg) => !arg.startsWith("--"));
  const only = flags.find((flag) => flag.startsWith("--only="));
  const unknownFlags = flags.filter((flag) => flag !== "--default-malloc" && flag !== only);
  if (unknownFlags.length > 0) throw new RangeError(`bench: unknown option ${unknownFlags.join(", ")}; the options are --only=${ids.join(",")} and --default-malloc`);
  const chosenSections = only ? only.slice("--only=".length).split(",") : ids;
  const unknownSections = chosenSections.filter((id) => !ids.includes(id));
  if (unknownSections.length > 0) throw new RangeError(`bench: unknown section ${unknownSections.join(", ")}; the sections are ${ids.join(", ")}`);
  const chosenWorkloads = names.length > 0 ? names : workloads;
  const unknown = chosenWorkloads.filter((name) => !workloads.includes(name));
  if (unknown.length > 0) throw new RangeError(`bench: unknown workload ${unknown.join(", ")}; the workloads are ${workloads.join(", ")}`);
  const defaultMalloc = flags.includes("--default-malloc");
  return { workloads: chosenWorkloads, sections: chosenSections, defaultMalloc, full: names.length === 0 && !only && !defaultMalloc };
}
