import type { KernelWorker, WorkerHost } from "./worker-host";
import { kernelModule, workerScript } from "./worker-script";

interface WebWorker extends KernelWorker {
  onerror: (() => void) | null;
}

/** What a browser (a page or a dedicated worker) offers that Web Workers over shared memory need; the runtime's types have no DOM. */
interface BrowserGlobals {
  readonly crossOriginIsolated?: unknown;
  readonly Worker?: new (url: string) => WebWorker;
  readonly Blob?: new (parts: string[], options: { readonly type: string }) => object;
  readonly URL?: { createObjectURL?(blob: object): string };
  readonly navigator?: { readonly hardwareConcurrency?: number };
}

const browser = globalThis as BrowserGlobals;

/**
 * True in a browser context that is cross-origin isolated: there, and only
 * there, shared memory exists and can be sent to a worker. Elsewhere (a page
 * without COOP and COEP headers, an edge runtime) the calling thread runs everything.
 */
export function webWorkersAvailable(): boolean {
  return browser.crossOriginIsolated === true && typeof SharedArrayBuffer === "function" && typeof browser.Worker === "function" && typeof browser.Blob === "function" && typeof browser.URL?.createObjectURL === "function";
}

/** The logical processors the browser reports, the default thread count where Web Workers are available. */
export function browserCores(): number {
  const cores = browser.navigator?.hardwareConcurrency;
  return typeof cores === "number" && Number.isInteger(cores) && cores >= 1 ? cores : 1;
}

/**
 * A browser's Web Workers: classic workers whose script, and every kernel's
 * module, is a blob: URL of its text. A page's Content-Security-Policy must
 * allow `worker-src blob:`, or no worker starts and the pool turns off, and
 * `script-src blob:` where it restricts scripts, or the workers load no kernel
 * (each kernel then stays on the calling thread). The URLs live as long as
 * the page, as the pool's workers do.
 */
export class WebWorkerHost implements WorkerHost {
  private readonly scriptUrl = textUrl(workerScript("web"));

  start(started: Int32Array, index: number, failed: () => void): KernelWorker {
    const worker = new browser.Worker!(this.scriptUrl);
    // A script that cannot load (a policy forbids it) or an error the worker did not catch: it will not answer.
    worker.onerror = failed;
    worker.postMessage({ started, index });
    return worker;
  }

  kernelLocation(kernelText: string): string {
    return textUrl(kernelModule(kernelText, "web"));
  }
}

function textUrl(text: string): string {
  return browser.URL!.createObjectURL!(new browser.Blob!([text], { type: "text/javascript" }));
}
