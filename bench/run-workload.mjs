// One workload's implementations of one group, in a process of its own (so
// that no workload's memory or JIT state leaks into the next), each checked
// against the reference and timed. Started by run.mjs as
// `run-workload.mjs COMPILED_MODULE GROUP`; answers over the IPC channel.
//
// Why groups: growing a Wasm heap detaches its old ArrayBuffer, and once any
// ArrayBuffer in a process has been detached V8 compiles every typed-array
// loop in it with extra checks (measured here: the sumsq 10,000 × 1000
// hand-written loop went from 8 to 20 ms). So the plain-JS implementations
// run in one process and the Wasm peers in another. The "javascript" group
// holds the per-example loop, whose outputs it sends back as the reference;
// the "wasm" group is sent those outputs before it starts.
import { createRequire } from "node:module";
import { maxError, verdict } from "./compare.mjs";
import { jaxImplementations } from "./implementations/jax-js.mjs";
import { tfjsNodeImplementations } from "./implementations/tfjs-node.mjs";
import { tfjsImplementations } from "./implementations/tfjs.mjs";
import { perExampleName, tsvmapImplementations } from "./implementations/tsvmap.mjs";
import { measureInterleaved } from "./timing.mjs";

const groups = {
  javascript: async () => [...tsvmapImplementations(), ...(await tfjsImplementations("cpu"))],
  wasm: async () => [...(await jaxImplementations()), ...(await tfjsImplementations("wasm")), ...(await tfjsNodeImplementations())],
};

const [modulePath, group] = process.argv.slice(2);
if (!(group in groups)) throw new RangeError(`run-workload: unknown group ${group}; the groups are ${Object.keys(groups).join(", ")}`);
const workload = createRequire(import.meta.url)(modulePath);
const implementations = await groups[group]();
const reference = implementations.find((implementation) => implementation.name === perExampleName);
// The reference is called first, so its first output is there to check every other one against.
const order = reference ? [reference, ...implementations.filter((implementation) => implementation !== reference)] : implementations;
const givenExpected = reference ? undefined : await new Promise((resolve) => process.once("message", resolve));

const cases = [];
for (const [caseIndex, benchCase] of workload.cases().entries()) {
  process.stderr.write(`  ${benchCase.workload} ${benchCase.size}: ${group}\n`);
  let expected = givenExpected?.[caseIndex];
  const results = new Map();
  const entries = [];
  for (const implementation of order) {
    const row = { workload: benchCase.workload, size: benchCase.size, implementation: implementation.name, dtype: implementation.dtype };
    if (implementation.unavailable) {
      results.set(implementation, { ...row, unavailable: implementation.unavailable });
      continue;
    }
    try {
      const prepared = await implementation.prepare(benchCase);
      const check = (output) => {
        const values = prepared.values(output);
        if (implementation === reference) expected = Float64Array.from(values);
        row.check = implementation === reference ? { ok: true, text: "is the reference" } : verdict(maxError(values, expected), implementation.dtype);
      };
      entries.push({ implementation, row, prepared, check });
    } catch (error) {
      results.set(implementation, { ...row, unavailable: failure(error) });
    }
  }
  const timings = await measureInterleaved(entries);
  for (const [i, { implementation, row, prepared }] of entries.entries()) {
    const timing = timings[i];
    results.set(implementation, timing.error ? { ...row, unavailable: failure(timing.error) } : { ...row, ...timing });
    prepared.dispose();
  }
  cases.push({ rows: implementations.map((implementation) => results.get(implementation)), expected });
}
process.send(cases);

function failure(error) {
  return `failed: ${String(error?.message ?? error).split("\n")[0]}`;
}
