// What the sections that run every workload share: one child process per
// workload (or per group of it), its rows gathered, a workload the compiler
// refused marked on its compiled rows, and whether the run must fail.
import { runChild } from "../child-process.mjs";
import { compiledWorkload } from "../compile-workloads.mjs";
import { tsvmapNames } from "../implementations/tsvmap.mjs";

/** Runs `script` for the workload `name`; resolves to its cases, or to one row saying why it reported none. */
export async function runWorkloadChild(context, script, name, extraArgs = [], message = {}) {
  const answer = await runChild(script, [compiledWorkload(name), ...extraArgs], message, context);
  if (answer.crashed) return { crashed: { workload: name, size: "", implementation: `every implementation of ${script} ${extraArgs.join(" ")}`.trim(), unavailable: answer.crashed } };
  if (context.notCompiled(name)) {
    for (const { rows } of answer.cases) {
      for (const row of rows) {
        if (row.implementation.startsWith("tsvmap compiled") && row.check) row.check = { ok: false, text: `NOT COMPILED (see the tspc diagnostics); ${row.check.text}` };
      }
    }
  }
  return answer;
}

/** A peer's inaccuracy is a finding for the table; a wrong or missing tsvmap result is a failure of the run. */
export function tsvmapFailed(rows) {
  return rows.some((row) => (tsvmapNames.includes(row.implementation) && (row.unavailable || !row.check?.ok)) || row.implementation.startsWith("every implementation"));
}
