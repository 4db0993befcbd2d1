import type { Rule } from "../rule";
import { elementwiseRules } from "./elementwise";
import { indexingRules } from "./indexing";
import { linalgRules } from "./linalg";
import { reduceRules } from "./reduce";
import { shapeRules } from "./shape";

/**
 * The batching rule of every primitive, by name (JAX's `primitive_batchers`).
 * A primitive with no entry here cannot take batched operands.
 */
export const batchingRules: Readonly<Record<string, Rule>> = {
  ...elementwiseRules,
  ...reduceRules,
  ...shapeRules,
  ...indexingRules,
  ...linalgRules,
};
