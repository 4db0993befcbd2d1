/** The public entry of tsvmap: `import { vmap, np, type Tensor } from "tsvmap"`. */
export { vmap } from "./vmap";
export type { AxisSpec, AxisSpecFor, Batched, BooleanBatch, NumberBatch, VmapOptions } from "./vmap";
export * as np from "./np";
export { Tensor, type NestedArray } from "./tensor";
export { VmapError } from "./errors";
export type { DType } from "./dtype";
