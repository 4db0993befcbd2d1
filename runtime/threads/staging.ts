import type { TypedArray } from "../dtype";

/**
 * Shared memory a worker reads its inputs from and writes its results to.
 * Fresh shared memory costs a page fault per 4 KiB the first time it is
 * touched (several times a copy of it), so the buffers, one per worker and
 * array, are kept while calls keep coming and given back a second after the last.
 */
const buffers = new Map<string, SharedArrayBuffer>();
let release: ReturnType<typeof setTimeout> | undefined;
const keptMilliseconds = 1000;

type TypedArrayClass = new (buffer: SharedArrayBuffer, offset: number, length: number) => TypedArray;

/** `length` elements of `like`'s type in the staging buffer `key` (its contents are what the last user left). */
export function stagingArray(key: string, like: TypedArray, length: number): TypedArray {
  const bytes = length * like.BYTES_PER_ELEMENT;
  let buffer = buffers.get(key);
  if (buffer === undefined || buffer.byteLength < bytes) {
    buffer = new SharedArrayBuffer(bytes);
    buffers.set(key, buffer);
  }
  keepForAWhile();
  return new (like.constructor as TypedArrayClass)(buffer, 0, length);
}

function keepForAWhile(): void {
  if (release !== undefined) clearTimeout(release);
  release = setTimeout(() => buffers.clear(), keptMilliseconds);
  // The timer never keeps a process alive (Node's timers have unref).
  (release as { unref?: () => void }).unref?.();
}
