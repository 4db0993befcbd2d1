// The tsvmap side of each workload: the hand-written loop (the limit every
// ratio is against), the compiled vmap, and the per-example loop
// (vmap.reference), all from the workload's own module.

export const handWrittenName = "hand-written loop";
export const compiledName = "tsvmap compiled vmap";
export const perExampleName = "per-example loop (vmap.reference)";

export function tsvmapImplementations() {
  const implementation = (name, call, values) => ({
    name,
    dtype: "float64",
    prepare: (benchCase) => ({ call: () => call(benchCase), values, release() {}, dispose() {} }),
  });
  return [
    implementation(handWrittenName, (c) => c.handWritten(), (out) => out),
    implementation(compiledName, (c) => c.compiled(), (out) => out.data),
    implementation(perExampleName, (c) => c.perExample(), (out) => out.data),
  ];
}
