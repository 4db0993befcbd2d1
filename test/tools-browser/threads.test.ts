import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "../../playground/headless-chromium.mjs";
import { runNode } from "../tools/example-project";
import { type ServeOptions, serveDirectory } from "../tools-playground/static-server";
import type { SiteName, ThreadsReport } from "./threads-page/src/report";

// A page whose bundle holds compiled vmap sites (threads-page, built with tsvmap's esbuild plugin against the packed
// package), served on 127.0.0.1 with and without the headers that make it cross-origin isolated, in headless Chromium.
const pageSource = fileURLToPath(new URL("./threads-page", import.meta.url));
const isolating = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };
/** Large enough that the runtime expects workers to pay (runtime/threads/parallel.ts). */
const batch = 400_000;
/** Calls of a site that should use workers before giving up: they start in the background (a few calls here). */
const callsForWorkers = 60;
/** Calls of a site that should not: the workers would have started by then. */
const callsWithoutWorkers = 10;
type Calls = Partial<Record<SiteName, number>>;
/** The sites a page that should use workers runs: one that asks for two threads, and one thread's. */
const twoThreadsAndOne: Calls = { twoThreads: callsForWorkers, oneThread: callsWithoutWorkers };
/** Every site, as a page that should use no workers runs them. */
const everySite: Calls = { twoThreads: callsWithoutWorkers, everyCore: callsWithoutWorkers, oneThread: callsWithoutWorkers };

let dist: string;
let browser: Browser;
const servers: Awaited<ReturnType<typeof serveDirectory>>[] = [];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(inject("toolsProject"), "browser-threads-"));
  fs.cpSync(pageSource, dir, { recursive: true });
  const build = await runNode(["build.mjs"], dir);
  expect(build.status, build.stdout + build.stderr).toBe(0);
  dist = path.join(dir, "dist");
  fs.copyFileSync(path.join(dir, "index.html"), path.join(dist, "index.html"));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) await server.close();
});

interface Visit {
  readonly report: ThreadsReport;
  readonly pageErrors: string[];
}

/** Opens the page served with `options`' headers and runs the report in the page's main thread, or in a dedicated worker of it. */
async function visit(options: ServeOptions, maximumCalls: Calls, where: "main thread" | "worker" = "main thread"): Promise<Visit> {
  const server = await serveDirectory(dist, options);
  servers.push(server);
  const page: Page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => "threadsReport" in globalThis);
    const report =
      where === "main thread"
        ? await page.evaluate(({ size, calls }) => (globalThis as unknown as { threadsReport: (batch: number, maximumCalls: Calls) => Promise<ThreadsReport> }).threadsReport(size, calls), { size: batch, calls: maximumCalls })
        : await page.evaluate(
            (message) =>
              new Promise<ThreadsReport>((resolve, reject) => {
                const worker = new Worker("./worker.js", { type: "module" });
                worker.onmessage = (event) => resolve(event.data as ThreadsReport);
                worker.onerror = (event) => reject(new Error(event.message));
                worker.postMessage(message);
              }),
            [batch, maximumCalls] as const,
          );
    return { report, pageErrors };
  } finally {
    await page.close();
  }
}

/** Every site's result, and the per-example reference, bit-identical to the one-thread site's (and to `expected`'s), and no error in the page. */
function expectOneResult({ report, pageErrors }: Visit, expected?: Visit): void {
  const oneThread = report.sites.oneThread!;
  for (const [name, site] of Object.entries(report.sites)) expect(site.digest, name).toBe(oneThread.digest);
  expect(report.reference).toBe(oneThread.digest);
  if (expected !== undefined) expect(oneThread.digest).toBe(expected.report.sites.oneThread!.digest);
  expect(pageErrors).toEqual([]);
}

/** Workers computed chunks of `site`'s runs, and none of the one-thread site's. */
function expectWorkersComputed(report: ThreadsReport, site: SiteName = "twoThreads"): void {
  const sites = JSON.stringify(report.sites);
  expect(report.sites[site]!.workers, sites).toBe(true);
  expect(report.sites[site]!.chunksOnWorkers, sites).toBeGreaterThan(0);
  expect(report.sites.oneThread!.workers, sites).toBe(false);
}

const withPolicy = (policy: string): ServeOptions => ({ headers: { ...isolating, "Content-Security-Policy": policy } });

describe("threads in headless Chromium", () => {
  let isolated: Visit;

  it("a cross-origin isolated page runs large batches on Web Workers, with results bit-identical to one thread's", async () => {
    isolated = await visit({ headers: isolating }, twoThreadsAndOne);
    const { report } = isolated;
    expect(report.crossOriginIsolated).toBe(true);
    expectWorkersComputed(report);
    for (const [name, site] of Object.entries(report.sites)) expect(site.chunksTakenBack, name).toBe(0);
    expectOneResult(isolated);
  }, 120_000);

  it("so does a dedicated worker of that page, where the calling thread may block in Atomics.wait", async () => {
    const inWorker = await visit({ headers: isolating }, twoThreadsAndOne, "worker");
    expect(inWorker.report.crossOriginIsolated).toBe(true);
    expectWorkersComputed(inWorker.report);
    expectOneResult(inWorker, isolated);
  }, 120_000);

  it("a site without the threads option uses navigator.hardwareConcurrency threads in such a page", async () => {
    const everyCore = await visit({ headers: isolating }, { everyCore: callsForWorkers, oneThread: callsWithoutWorkers });
    if (everyCore.report.hardwareConcurrency > 1) expectWorkersComputed(everyCore.report, "everyCore");
    else expect(everyCore.report.sites.everyCore!.workers).toBe(false);
    expectOneResult(everyCore, isolated);
  }, 120_000);

  it("a policy that allows blob: workers and scripts but no eval: workers load kernels and compute, the same results", async () => {
    const strict = await visit(withPolicy("default-src 'self'; script-src 'self' blob:; worker-src blob:"), twoThreadsAndOne);
    expectWorkersComputed(strict.report);
    expectOneResult(strict, isolated);
  }, 120_000);

  it("a page that is not cross-origin isolated runs everything on the calling thread, with the same results", async () => {
    const plain = await visit({}, everySite);
    expect(plain.report.crossOriginIsolated).toBe(false);
    for (const [name, site] of Object.entries(plain.report.sites)) expect(site.workers, name).toBe(false);
    expectOneResult(plain, isolated);
  }, 120_000);

  it("a policy without worker-src blob: keeps the pool from starting: one thread, the same results, no error", async () => {
    const noWorkers = await visit(withPolicy("worker-src 'self'"), everySite);
    expect(noWorkers.report.crossOriginIsolated).toBe(true);
    for (const [name, site] of Object.entries(noWorkers.report.sites)) expect(site.workers, name).toBe(false);
    expectOneResult(noWorkers, isolated);
  }, 120_000);

  it("a policy whose script-src does not allow blob: lets workers start but not load kernels: the calling thread computes every chunk, the same results, no error", async () => {
    const noKernels = await visit(withPolicy("script-src 'self'; worker-src blob:"), everySite);
    expect(noKernels.report.crossOriginIsolated).toBe(true);
    for (const [name, site] of Object.entries(noKernels.report.sites)) expect(site.chunksOnWorkers, name).toBe(0);
    expectOneResult(noKernels, isolated);
  }, 120_000);
});
