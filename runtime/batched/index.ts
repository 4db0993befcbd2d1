/**
 * `tsvmap/runtime`: what the code emitted by the transformer calls. Stable and
 * documented, but not meant for hand use: write `vmap` and let the transformer
 * call these.
 */
export * as np from "../np";
export { Tensor } from "../tensor";
export { VmapError } from "../errors";
export { axisSize, mapAxis, mapNumbers, mapBooleans, unmapAxis, unmapNumbers, broadcastAxis, broadcastNumbers, broadcastLevels, anyActive } from "./levels";
export {
  exampleRank, exampleShape, exampleSize, exampleAxis, exampleAxisOfResult, exampleAxes, lift, flattenExample,
  batchShape, reshapeExamples, batchPermutation, unitExampleAxes, broadcastExample, indexExample, atExample, exampleScalar, scalarValue,
} from "./example";
export { asNumbers, asNumbersWhereScalar } from "./tensors";
export { checkArgumentCount, checkArguments } from "../vmap-arguments";
export { batchedDot, batchedMatmul, batchedOuter } from "./products";
export { gatherArray, gatherArrayChecked, gatherAt, gatherElement, dynamicSlice, gatherIndex, gatherSlice, gatherTake, scatterSet } from "./gather";
export { jsMath, jsNumber, remainder, roundHalfUp } from "./js-semantics";
export { fuseExamples } from "./fuse";
export { select, selectResult } from "./select";
export { viaZeroExample } from "./empty-batch";
export { inChunks } from "./chunks";
export { withThreads } from "../threads/settings";
export { threadStatistics } from "../threads/parallel";
export { powReached, reachedOnly } from "./reached";
export { batchedSolve } from "./solve";
export { weakNumbers } from "../elementwise/weak-typing";
export { clip, floorMod, logicalAndOf, logicalNotOf, logicalOrOf, logicalXorOf, powFloat, roundHalfEven, sigmoid, signOf, truthy } from "../scalar-math";
export { compiledAs } from "./compiled-as";
