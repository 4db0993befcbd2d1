import { np, vmap, type Tensor } from "tsvmap";
import { threadStatistics } from "tsvmap/runtime";

// vmap sites, compiled by tsvmap's esbuild plugin into this page's bundle.
const rate = 0.02;

/**
 * Per example: a closed-over constant, a reduction, numpy's mod and clip (helpers the kernel is passed), and
 * several transcendental functions an element, so that the work clearly outweighs copying the inputs to shared memory.
 */
function discounted(cashflows: Tensor, years: number) {
  const seasonal = np.add(1, np.mul(0.1, np.sin(np.log1p(cashflows))));
  const present = np.sum(np.mul(np.mul(cashflows, seasonal), np.exp(np.mul(np.sqrt(cashflows), -rate * years))));
  return np.clip(np.mod(present, 100), 1, 99);
}

const sites = {
  twoThreads: vmap(discounted, { threads: 2 }),
  // No option: in a browser, as many threads as navigator.hardwareConcurrency.
  everyCore: vmap(discounted),
  oneThread: vmap(discounted, { threads: 1 }),
};
const reference = vmap.reference(discounted);

export type SiteName = keyof typeof sites;

export interface SiteReport {
  /** Whether a call ran its kernel on workers. */
  readonly workers: boolean;
  /** The calls made: until the first in which workers computed chunks, else as many as asked. */
  readonly calls: number;
  /** The chunks workers computed, over all the calls. */
  readonly chunksOnWorkers: number;
  /** The chunks that workers took and the calling thread then computed, over all the calls (a worker failed). */
  readonly chunksTakenBack: number;
  /** SHA-256 of the last result's bytes. */
  readonly digest: string;
}

export interface ThreadsReport {
  readonly crossOriginIsolated: boolean;
  readonly hardwareConcurrency: number;
  readonly sites: Partial<Record<SiteName, SiteReport>>;
  readonly reference: string;
}

let seed = 12345;
function uniform(length: number, lo: number, hi: number): Float64Array {
  return Float64Array.from({ length }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return lo + ((hi - lo) * seed) / 2 ** 32;
  });
}

async function digest(result: Tensor): Promise<string> {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", result.data as Float64Array<ArrayBuffer>));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Calls `call` until workers computed chunks of a call (they start in the background, so the page yields between
 * calls; a worker descheduled under load may find every chunk taken) or `maximumCalls` calls have passed.
 */
async function callUntilWorkersCompute(call: () => Tensor, maximumCalls: number): Promise<SiteReport> {
  const before = threadStatistics();
  for (let calls = 1; ; calls++) {
    const result = call();
    const now = threadStatistics();
    const chunksOnWorkers = now.chunksOnWorkers - before.chunksOnWorkers;
    if (chunksOnWorkers > 0 || calls >= maximumCalls) {
      return { workers: now.runsOnWorkers > before.runsOnWorkers, calls, chunksOnWorkers, chunksTakenBack: now.chunksTakenBack - before.chunksTakenBack, digest: await digest(result) };
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Runs each site of `maximumCalls` on a batch large enough for workers, up to that many calls, and the per-example
 * reference on the same inputs. A page runs the sites it is asked for only: what one site's runs on workers
 * measure (the cost of copying to shared memory) decides whether the next site's do.
 */
export async function threadsReport(batch: number, maximumCalls: Partial<Record<SiteName, number>>): Promise<ThreadsReport> {
  const cashflows = np.array(uniform(batch * 4, 0, 120), [batch, 4]);
  const years = np.array(uniform(batch, 0, 10), [batch]);
  const reports: ThreadsReport["sites"] = {};
  for (const [name, calls] of Object.entries(maximumCalls) as [SiteName, number][]) {
    reports[name] = await callUntilWorkersCompute(() => sites[name](cashflows, years), calls);
  }
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    hardwareConcurrency: navigator.hardwareConcurrency,
    sites: reports,
    reference: await digest(reference(cashflows, years) as Tensor),
  };
}
