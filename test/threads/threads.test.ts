import { spawnSync } from "node:child_process";
import * as os from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Each run is its own Node process (probe.mjs), so the worker pool starts fresh
// and the environment variables are read at start, as in a user's program. The
// runs split every batch (TSVMAP_THREADS_SPLIT=always): on a loaded machine the
// cost model's measurements may keep a batch on one thread, and these cases
// check that workers compute, and the same numbers, not what the cost model decides.
const probe = fileURLToPath(new URL("./probe.mjs", import.meta.url));

interface Site {
  readonly workers: boolean;
  readonly chunksOnWorkers: number;
  readonly plainArray: boolean;
  readonly shape: number[];
  readonly digest: string;
}
type Report = Record<
  "discountedThreaded" | "discountedOneThread" | "discountedDefault" | "pairwiseThreaded" | "pairwiseOneThread" | "normalizedThreaded" | "normalizedOneThread" | "wavesThreaded" | "wavesOneThread",
  Site
> & {
  readonly closure: { readonly workers: boolean; readonly handedBack: boolean; readonly complete: boolean };
};

function runProbe(options: { readonly env?: Record<string, string>; readonly nodeFlags?: string[] } = {}) {
  const result = spawnSync(process.execPath, [...(options.nodeFlags ?? []), probe], { encoding: "utf8", env: { ...process.env, TSVMAP_THREADS_SPLIT: "always", ...options.env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function report(options: Parameters<typeof runProbe>[0] = {}): Report {
  const run = runProbe(options);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

const defaultRun = report();

/** Workers computed chunks of `site`'s calls, where they were sent a job. */
function expectWorkersComputed(site: Site): void {
  expect(site.workers).toBe(true);
  expect(site.chunksOnWorkers).toBeGreaterThan(0);
}

describe("vmap's threads", () => {
  it("splits a large batch across worker threads, with results bit-identical to one thread's", () => {
    expectWorkersComputed(defaultRun.discountedThreaded);
    expect(defaultRun.discountedOneThread.workers).toBe(false);
    expect(defaultRun.discountedThreaded.digest).toBe(defaultRun.discountedOneThread.digest);
    expect(defaultRun.discountedDefault.digest).toBe(defaultRun.discountedOneThread.digest);
    expect(defaultRun.discountedThreaded.shape).toEqual([400_000]);
    // Workers write to shared memory; the result is copied out of it, a Tensor over a plain ArrayBuffer as always.
    expect(defaultRun.discountedThreaded.plainArray).toBe(true);
  });

  it("splits a nested vmap's rows, and runs it on the calling thread alone when any level says threads: 1", () => {
    expectWorkersComputed(defaultRun.pairwiseThreaded);
    expect(defaultRun.pairwiseOneThread.workers).toBe(false);
    expect(defaultRun.pairwiseThreaded.digest).toBe(defaultRun.pairwiseOneThread.digest);
    expect(defaultRun.pairwiseThreaded.shape).toEqual([1500, 1500]);
  });

  it("splits kernels that write a whole example per example, and three levels' rows, the same way", () => {
    for (const name of ["normalized", "waves"] as const) {
      const [threaded, oneThread] = [defaultRun[`${name}Threaded`], defaultRun[`${name}OneThread`]];
      expectWorkersComputed(threaded);
      expect(oneThread.workers).toBe(false);
      expect(threaded.digest).toBe(oneThread.digest);
    }
    expect(defaultRun.normalizedThreaded.shape).toEqual([400_000, 4]);
    expect(defaultRun.wavesThreaded.shape).toEqual([120, 110, 100]);
  });

  it("uses every core by default, and TSVMAP_THREADS where no call site sets threads", () => {
    expect(defaultRun.discountedDefault.workers).toBe(os.availableParallelism() > 1);
    const oneThread = report({ env: { TSVMAP_THREADS: "1" } });
    expect(oneThread.discountedDefault.workers).toBe(false);
    // The call site's own `threads` wins over the environment.
    expect(oneThread.discountedThreaded.workers).toBe(true);
    expect(oneThread.discountedDefault.digest).toBe(defaultRun.discountedDefault.digest);
    expect(report({ env: { TSVMAP_THREADS: "2" } }).discountedDefault.workers).toBe(true);
  });

  it("loads kernels in workers where code generation from strings is disallowed", () => {
    const restricted = report({ nodeFlags: ["--disallow-code-generation-from-strings"] });
    expectWorkersComputed(restricted.discountedThreaded);
    expectWorkersComputed(restricted.pairwiseThreaded);
    expect(restricted.discountedThreaded.digest).toBe(defaultRun.discountedThreaded.digest);
    expect(restricted.pairwiseThreaded.digest).toBe(defaultRun.pairwiseThreaded.digest);
  });

  it("computes a worker's examples on the calling thread when the worker cannot run the kernel", () => {
    expect(defaultRun.closure).toEqual({ workers: true, handedBack: true, complete: true });
  });

  it("loads and computes the same where there is no SharedArrayBuffer (a page that is not cross-origin isolated), on the calling thread", () => {
    const isolated = report({ nodeFlags: ["--enable-sharedarraybuffer-per-context"], env: { PROBE_CALLS: "3" } });
    for (const site of ["discountedThreaded", "pairwiseThreaded", "wavesThreaded"] as const) {
      expect(isolated[site].workers).toBe(false);
      expect(isolated[site].digest).toBe(defaultRun[site].digest);
    }
  });

  it("rejects a TSVMAP_THREADS that is not a positive integer, naming it", () => {
    const run = runProbe({ env: { TSVMAP_THREADS: "0" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('RangeError: TSVMAP_THREADS must be a positive integer (1 for the calling thread only), got "0"');
  });

  it("rejects a TSVMAP_THREADS_SPLIT that is neither cost nor always, naming it", () => {
    const run = runProbe({ env: { TSVMAP_THREADS_SPLIT: "sometimes" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('RangeError: TSVMAP_THREADS_SPLIT must be "cost" (the default) or "always", got "sometimes"');
  });
});
