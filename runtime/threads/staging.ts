import type { TypedArray } from "../dtype";

/**
 * Shared memory that inputs are copied into for a worker to read. Fresh
 * shared memory costs a page fault per 4 KiB the first time it is written
 * (several times the copy itself), so the buffers, one per worker and input,
 * are kept while calls keep coming and given back a second after the last.
 */
const buffers = new Map<string, SharedArrayBuffer>();
let release: ReturnType<typeof setTimeout> | undefined;
const keptMilliseconds = 1000;

/** Elements `from` to `to` of `array`, copied into the staging buffer of `worker`'s input `input`. */
export function staged(worker: number, input: number, array: TypedArray, from: number, to: number): TypedArray {
  const key = `${worker}:${input}`;
  const bytes = (to - from) * array.BYTES_PER_ELEMENT;
  let buffer = buffers.get(key);
  if (buffer === undefined || buffer.byteLength < bytes) {
    buffer = new SharedArrayBuffer(bytes);
    buffers.set(key, buffer);
  }
  keepForAWhile();
  const Constructor = array.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => TypedArray;
  const copy = new Constructor(buffer, 0, to - from);
  copy.set(array.subarray(from, to));
  return copy;
}

function keepForAWhile(): void {
  if (release !== undefined) clearTimeout(release);
  release = setTimeout(() => buffers.clear(), keptMilliseconds);
  // The timer never keeps a process alive (Node's timers have unref; a browser's are numbers).
  (release as { unref?: () => void }).unref?.();
}
