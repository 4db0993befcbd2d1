/**
 * The `np` namespace: every tensor op, by the exact name the transformer
 * recognises. `import { np } from "tsvmap"` re-exports this module.
 */
export { arange, array, eye, full, linspace, ones, onesLike, zeros, zerosLike } from "./create";
export { asarray } from "./asarray";
export {
  abs, arccos, arccosh, arcsin, arcsinh, arctan, arctanh, cbrt, ceil, cos, cosh, exp, expm1, floor, isfinite, isinf, isnan,
  log, log10, log1p, log2, logicalNot, neg, round, sigmoid, sign, sin, sinh, sqrt, square, tan, tanh, trunc,
} from "./elementwise/unary";
export {
  add, arctan2, div, equal, greater, greaterEqual, hypot, less, lessEqual, logicalAnd, logicalOr, logicalXor, maximum, minimum, mod,
  mul, notEqual, pow, sub,
} from "./elementwise/binary";
export { clip, where } from "./elementwise/where";
export { argmax, argmin, max, mean, min, prod, sum } from "./reduce";
export { logSoftmax, logsumexp, softmax } from "./softmax";
export { std, variance as var } from "./moments";
export { median } from "./median";
export { all, any } from "./truth";
export { cumprod, cumsum } from "./scan";
export { diff } from "./diff";
export { argsort, diagonal, flip, sort, trace, tril, triu } from "./order";
export {
  at, broadcastTo, concatenate, expandDims, index, moveaxis, reshape, set, slice, squeeze, stack, take, transpose,
} from "./shape";
export { dot, matmul, outer } from "./linalg";
export { cross } from "./cross";
export { einsum } from "./einsum";
export * as linalg from "./np-linalg";
