// bench/RESULTS.md: the last full run's tables, and what they were measured on.

export function resultsMarkdown(run) {
  const { machine } = run;
  return [
    "# tsvmap bench: the last run",
    "",
    "Written by `npm run bench` (bench/run.mjs); do not edit by hand. How it measures: bench/README.md.",
    "",
    `- date: ${run.date}, tsvmap at ${machine.commit}`,
    `- machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.memoryGb} GB`,
    `- Node ${machine.node}; ${machine.peers.join(", ")}`,
    `- load average (1 min): ${run.loadBefore} before, ${run.loadAfter} after; ${run.seconds} s in all`,
    `- memory: ${run.defaultMalloc ? "glibc malloc as it comes (--default-malloc)" : "glibc malloc keeps freed memory (MALLOC_MMAP_MAX_=0, no trim)"}`,
    ...run.sections.flatMap((section) => ["", `## ${section.title}`, "", section.markdown]),
    "",
  ].join("\n");
}
