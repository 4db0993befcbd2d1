/** Whether this thread may block in `Atomics.wait`: learnt on the first wait. */
let threadMayBlock: boolean | undefined;

/**
 * Waits until `array[index]` is no longer 0, or until `deadline` (a
 * `performance.now()` time) has passed. Node's threads and a browser's
 * workers block in `Atomics.wait`; a browser's main thread may not (it
 * throws there), so it spins on `Atomics.load` instead, which is short: the
 * calling thread waits only for the chunks the workers are still computing.
 */
export function waitWhileZero(array: Int32Array, index: number, deadline: number): void {
  threadMayBlock ??= mayBlock();
  while (Atomics.load(array, index) === 0) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) return;
    if (threadMayBlock && Atomics.wait(array, index, 0, remaining) === "timed-out") return;
  }
}

function mayBlock(): boolean {
  try {
    // A value that is not there: where waiting is allowed this returns "not-equal" at once; where it is not, it throws.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}
