/**
 * A misuse of `vmap` itself (axis specs, batch sizes, result structure), as
 * opposed to a bad `np` op inside the per-example function, which throws the
 * op's own RangeError or TypeError unchanged.
 */
export class VmapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VmapError";
  }
}
