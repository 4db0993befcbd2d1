import { expect, it } from "vitest";
import { fuzz } from "./fuzz";

// The CI slice of the differential fuzzer: a fixed seed, a few hundred programs, each compiled with
// vmapTransformer and run against vmap.reference at batch sizes 0, 1, 2 and 5.
it("300 generated programs of seed 1: no MISMATCH, no CRASH, no ill-typed program", () => {
  const report = fuzz({ count: 300, seed: 1 });
  const failures = report.findings
    .filter((finding) => finding.outcome !== "REFUSED")
    .map((finding) => `${finding.count} × ${finding.cause}\n  e.g. ${finding.detail}\n${finding.source}`);
  expect(failures).toEqual([]);
  expect(report.counts.agree).toBeGreaterThan(report.programs / 2);
});
