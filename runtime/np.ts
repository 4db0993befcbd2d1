/**
 * The `np` namespace: every tensor op, by the exact name the transformer
 * recognises. `import { np } from "tsvmap"` re-exports this module.
 */
export { arange, array, eye, full, linspace, ones, zeros } from "./create";
export {
  abs, ceil, cos, exp, expm1, floor, log, log1p, logicalNot, neg, round, sigmoid, sign, sin, sqrt, square, tan, tanh,
} from "./elementwise/unary";
export {
  add, div, equal, greater, greaterEqual, less, lessEqual, logicalAnd, logicalOr, maximum, minimum, mod, mul,
  notEqual, pow, sub,
} from "./elementwise/binary";
export { clip, where } from "./elementwise/where";
export { argmax, argmin, max, mean, min, prod, sum } from "./reduce";
export { logsumexp, softmax } from "./softmax";
export { std, variance as var } from "./moments";
export { all, any } from "./truth";
export { cumprod, cumsum } from "./scan";
export { diff } from "./diff";
export {
  at, broadcastTo, concatenate, expandDims, index, moveaxis, reshape, set, slice, squeeze, stack, take, transpose,
} from "./shape";
export { dot, matmul, outer } from "./linalg";
