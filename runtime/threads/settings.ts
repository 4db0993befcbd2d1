import { browserCores, webWorkersAvailable } from "./web-workers";

/**
 * How many threads a large batch may use: a `vmap` call site's `threads`
 * option while its batched function runs, else in Node the `TSVMAP_THREADS`
 * environment variable, else every core Node reports, and in a cross-origin
 * isolated browser context `navigator.hardwareConcurrency`. 1 means the
 * calling thread only. Where there are no workers to be had (a page that is
 * not cross-origin isolated, an edge runtime) it is always 1.
 */

type Batched = (...args: unknown[]) => unknown;

let callSiteThreads: number | undefined;
let environmentThreads: number | undefined;

/** A call site with the `threads` option, compiled: the batched function runs with at most `threads` threads. */
export function withThreads(batched: Batched, threads: number): Batched {
  return function threaded(this: unknown, ...args: unknown[]): unknown {
    const outer = callSiteThreads;
    callSiteThreads = threads;
    try {
      return batched.apply(this, args);
    } finally {
      callSiteThreads = outer;
    }
  };
}

/** The threads the current batched call may use, the calling one included. */
export function threadLimit(): number {
  return callSiteThreads ?? (environmentThreads ??= readEnvironment());
}

function readEnvironment(): number {
  const node = nodeProcess();
  if (node === undefined) return webWorkersAvailable() ? browserCores() : 1;
  const text = node.env.TSVMAP_THREADS;
  if (text === undefined || text === "") return availableCores(node);
  const threads = Number(text);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`TSVMAP_THREADS must be a positive integer (1 for the calling thread only), got "${text}"`);
  }
  return threads;
}

let environmentSplitsAlways: boolean | undefined;

/**
 * Whether every kernel run worth timing goes to workers from its second run
 * on, whatever the cost model expects: `TSVMAP_THREADS_SPLIT=always` in Node
 * (`cost`, the default, splits a run only where it should end sooner). For
 * tests and measurements that must see workers compute: the cost model's
 * measurements on a loaded machine may keep a batch on one thread.
 */
export function splitsAlways(): boolean {
  return (environmentSplitsAlways ??= readSplitMode());
}

function readSplitMode(): boolean {
  const text = nodeProcess()?.env.TSVMAP_THREADS_SPLIT;
  if (text === undefined || text === "" || text === "cost") return false;
  if (text === "always") return true;
  throw new RangeError(`TSVMAP_THREADS_SPLIT must be "cost" (the default) or "always", got "${text}"`);
}

function availableCores(node: NodeLikeProcess): number {
  const os = node.getBuiltinModule?.("node:os") as { availableParallelism?: () => number; cpus: () => unknown[] } | undefined;
  if (os === undefined) return 1;
  return os.availableParallelism?.() ?? os.cpus().length;
}

export interface NodeLikeProcess {
  readonly env: Record<string, string | undefined>;
  readonly versions: { readonly node?: string };
  getBuiltinModule?(id: string): unknown;
  on(event: "exit", listener: () => void): unknown;
}

/** Node's `process`, where the runtime runs in Node (not in a browser, where there is none). */
export function nodeProcess(): NodeLikeProcess | undefined {
  const candidate = (globalThis as { process?: NodeLikeProcess }).process;
  return candidate?.versions?.node !== undefined && typeof candidate.getBuiltinModule === "function" ? candidate : undefined;
}
