/** A call's first result and its mean time over repeats after it (the first call warms up). */
export interface Timed {
  readonly value: unknown;
  readonly milliseconds: number;
}

/** Repeats `call` for about `budget` milliseconds; a first call slower than that is timed alone. */
export function timeCalls(call: () => unknown, budget = 150): Timed {
  const first = performance.now();
  const value = call();
  const start = performance.now();
  if (start - first >= budget) return { value, milliseconds: start - first };
  let runs = 0;
  let elapsed = 0;
  do {
    call();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < budget && runs < 1000);
  return { value, milliseconds: elapsed / runs };
}
