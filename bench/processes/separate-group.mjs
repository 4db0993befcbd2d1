// One workload's implementations of one group, in a process of its own, each
// checked against the reference and timed: the second table, which keeps the
// JavaScript implementations apart from the Wasm peers. Run by
// sections/separate-processes.mjs as `separate-group.mjs COMPILED_MODULE GROUP`,
// and sent the reference's values per case when they are known already
// (otherwise the javascript group computes them with the per-example loop).
//
// Why groups: growing a Wasm heap detaches its old ArrayBuffer, and once any
// ArrayBuffer in a process has been detached V8 compiles every typed-array
// loop in it with extra checks (measured here: the sumsq 10,000 × 1000
// hand-written loop went from 8 to 20 ms).
import { createRequire } from "node:module";
import { answer, receive } from "../child-process.mjs";
import { jaxImplementations } from "../implementations/jax-js.mjs";
import { tfjsNodeImplementations } from "../implementations/tfjs-node.mjs";
import { tfjsImplementations } from "../implementations/tfjs.mjs";
import { compiledName, handWrittenName, perExampleName, tsvmapImplementations } from "../implementations/tsvmap.mjs";
import { measureCase } from "../measure-case.mjs";

/** The old table's schedule: up to 15 timed calls each. */
const schedule = { rounds: 15 };

const [modulePath, group] = process.argv.slice(2);
const { expected } = await receive();
const groups = {
  javascript: async () => [...tsvmapImplementations([handWrittenName, compiledName, ...(expected ? [] : [perExampleName])]), ...(await tfjsImplementations(["cpu"]))],
  wasm: async () => [...(await jaxImplementations(["float64"])), ...(await tfjsImplementations(["wasm"])), ...(await tfjsNodeImplementations())],
};
if (!(group in groups)) throw new RangeError(`separate-group: unknown group ${group}; the groups are ${Object.keys(groups).join(", ")}`);
const workload = createRequire(import.meta.url)(modulePath);
const implementations = await groups[group]();
const cases = [];
for (const [caseIndex, benchCase] of workload.cases().entries()) {
  process.stderr.write(`  ${benchCase.workload} ${benchCase.size}: ${group} group in its own process\n`);
  cases.push(await measureCase(benchCase, implementations, { expected: expected?.[caseIndex], schedule }));
}
answer({ cases });
