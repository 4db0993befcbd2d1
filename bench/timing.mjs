// How a workload's implementations are timed. Each is warmed up first (so V8
// and the peers' kernel caches are hot); then the timed calls go round-robin,
// one call of each implementation per round, so that a burst of load from
// elsewhere on the machine lands on every implementation alike and the
// ratios stay fair. Each implementation is sampled until it has enough
// samples or has spent its time budget; its median is reported.
import { performance } from "node:perf_hooks";
import { collectGarbage } from "./gc.mjs";

const maxSamples = 15;
const minSamples = 3;
const budgetMs = 3000;
/** A first call this slow is the only one: a per-example loop over a million examples takes seconds, and JIT warm-up is lost in it. */
const singleCallMs = 5000;

/**
 * `entries`: [{ prepared: { call(), release(output) }, check(output) }], where
 * `check` sees the first call's output before it is released. Calls go in the
 * order given, so an entry's check may rely on the outputs of those before it.
 * Returns one { medianMs, samples } or { error } per entry.
 */
export async function measureInterleaved(entries) {
  const states = [];
  for (const { prepared, check } of entries) {
    try {
      const firstMs = await timeCall(prepared, check);
      if (firstMs >= singleCallMs) {
        states.push({ samples: [firstMs], done: true });
        continue;
      }
      // A second warm-up call, unless the first took a second or more and so warmed everything up already.
      if (firstMs < 1000) await timeCall(prepared);
      states.push({ samples: [], spentMs: 0, done: false });
    } catch (error) {
      states.push({ error, done: true });
    }
  }
  while (states.some((state) => !state.done)) {
    for (const [i, state] of states.entries()) {
      if (state.done) continue;
      try {
        const ms = await timeCall(entries[i].prepared);
        state.samples.push(ms);
        state.spentMs += ms;
        state.done = state.samples.length >= maxSamples || (state.samples.length >= minSamples && state.spentMs >= budgetMs);
      } catch (error) {
        Object.assign(state, { error, done: true });
      }
    }
  }
  return states.map((state) => (state.error ? { error: state.error } : { medianMs: median(state.samples), samples: state.samples.length }));
}

async function timeCall(prepared, seeOutput) {
  // The previous call's garbage is collected off the clock, so every call starts from the same state:
  // the memory its outputs and temporaries held is free again, as in a program that calls it in a loop.
  collectGarbage();
  const started = performance.now();
  let output = prepared.call();
  if (output instanceof Promise) output = await output;
  const elapsed = performance.now() - started;
  seeOutput?.(output);
  prepared.release(output);
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
