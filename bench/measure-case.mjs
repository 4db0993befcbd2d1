// One case of a workload, measured for a list of implementations in this
// process: each is prepared (inputs in its own format), its first output
// checked against the reference, then all are timed interleaved (timing.mjs).
import { maxError, verdict } from "./compare.mjs";
import { perExampleName } from "./implementations/tsvmap.mjs";
import { measureInterleaved } from "./timing.mjs";

/**
 * Returns { rows, expected }: one row per implementation, in the order given,
 * and the reference's values. `expected` is the reference's values when known
 * already; otherwise the per-example implementation must be in the list, and
 * is called first to give them.
 */
export async function measureCase(benchCase, implementations, { expected, schedule } = {}) {
  const reference = expected ? undefined : implementations.find((implementation) => implementation.name === perExampleName);
  if (!expected && !reference) throw new RangeError(`measureCase: no reference values for ${benchCase.workload} ${benchCase.size}, and no ${perExampleName} to compute them`);
  const order = reference ? [reference, ...implementations.filter((implementation) => implementation !== reference)] : implementations;
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
        row.outputDtype = prepared.dtypeOf(output);
        if (implementation === reference) {
          expected = Float64Array.from(values);
          row.check = { ok: true, text: "is the reference" };
        } else {
          row.check = verdict(maxError(values, expected), implementation.dtype);
        }
      };
      entries.push({ implementation, row, prepared, check });
    } catch (error) {
      results.set(implementation, { ...row, unavailable: failure(error) });
    }
  }
  const timings = await measureInterleaved(entries, schedule);
  for (const [i, { implementation, row, prepared }] of entries.entries()) {
    const timing = timings[i];
    results.set(implementation, timing.error ? { ...row, unavailable: failure(timing.error) } : { ...row, ...timing });
    prepared.dispose();
  }
  return { rows: implementations.map((implementation) => results.get(implementation)), expected };
}

function failure(error) {
  return `failed: ${String(error?.message ?? error).split("\n")[0]}`;
}
