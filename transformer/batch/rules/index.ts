import type { PrimName } from "../../prims";
import { np } from "../code";
import type { Rule } from "../rule";
import { asNumber, constructor } from "./convert";
import { elementwiseRules } from "./elementwise";
import { indexingRules } from "./indexing";
import { linalgRules } from "./linalg";
import { orderRules } from "./order";
import { reduceRules } from "./reduce";
import { shapeRules } from "./shape";

/**
 * The batching rule of every primitive, by name (JAX's `primitive_batchers`),
 * checked against the primitive table: a primitive without a rule does not
 * compile. `nullTest` has none: it is structural, never batched.
 */
export const batchingRules = {
  ...elementwiseRules,
  ...reduceRules,
  ...shapeRules,
  ...indexingRules,
  ...linalgRules,
  ...orderRules,
  asNumber,
  // Each example's zeros (ones) are those of its own value: the batch's, of the batch's shape and dtype.
  zerosLike: (call) => np("zerosLike", call.codes[0]),
  onesLike: (call) => np("onesLike", call.codes[0]),
  zeros: constructor,
  ones: constructor,
  full: constructor,
  arange: constructor,
  linspace: constructor,
  eye: constructor,
} satisfies Record<Exclude<PrimName, "nullTest">, Rule>;
