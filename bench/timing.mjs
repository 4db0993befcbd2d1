// How implementations are timed against each other: interleaved, round by
// round. Each is called once (its output checked) and once more as a warm-up;
// then round r times implementation 1, 2, ..., and only then round r + 1, so
// that a burst of load from elsewhere on the machine, or a JIT or GC state
// one implementation leaves behind, lands on every implementation alike.
// Medians are reported.
import { performance } from "node:perf_hooks";
import { collectGarbage } from "./gc.mjs";

/**
 * `rounds`: the most timed calls an implementation gets. An implementation
 * leaves the rotation early once it has `minSamples` and has spent `budgetMs`
 * (a 700 ms call gets 4 rounds, not 21). A first call of `singleCallMs` or
 * more is its only sample: a per-example loop over a million examples takes
 * seconds, and its JIT warm-up is lost in that.
 */
export const defaultSchedule = { rounds: 21, minSamples: 3, budgetMs: 2500, singleCallMs: 5000 };

/**
 * `entries`: [{ prepared: { call(), release(output), enter?() }, check?(output) }].
 * `check` sees the first call's output before it is released; calls go in the
 * order given, so an entry's check may rely on the outputs of those before
 * it. `enter` runs before each call, off the clock (tfjs switches its backend
 * there). `clock` and `collect` stand in for performance.now and a full GC.
 * Returns one { medianMs, samples } or { error } per entry.
 */
export async function measureInterleaved(entries, schedule = {}, { clock = () => performance.now(), collect = collectGarbage } = {}) {
  const { rounds, minSamples, budgetMs, singleCallMs } = { ...defaultSchedule, ...schedule };
  const timeCall = async (prepared, seeOutput) => {
    await prepared.enter?.();
    // The previous call's garbage is collected off the clock, so every call starts from the same state:
    // the memory its outputs and temporaries held is free again, as in a program that calls it in a loop.
    collect();
    const started = clock();
    let output = prepared.call();
    if (output instanceof Promise) output = await output;
    const elapsed = clock() - started;
    seeOutput?.(output);
    prepared.release(output);
    return elapsed;
  };
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
  for (let round = 0; round < rounds && states.some((state) => !state.done); round++) {
    for (const [i, state] of states.entries()) {
      if (state.done) continue;
      try {
        const ms = await timeCall(entries[i].prepared);
        state.samples.push(ms);
        state.spentMs += ms;
        state.done = state.samples.length >= minSamples && state.spentMs >= budgetMs;
      } catch (error) {
        Object.assign(state, { error, done: true });
      }
    }
  }
  return states.map((state) => (state.error ? { error: state.error } : { medianMs: median(state.samples), samples: state.samples.length }));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
