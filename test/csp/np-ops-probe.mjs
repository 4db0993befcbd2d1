// Runs ops of every np family, vmap.reference, and Tensor construction on the
// built runtime (dist/), and prints whether code generation from strings is
// allowed in this process and the results, as JSON. The test runs it with and
// without --disallow-code-generation-from-strings and compares the two.
import { createRequire } from "node:module";

const { np, vmap, Tensor } = createRequire(import.meta.url)("../../dist/runtime/index.js");

function codeGeneration() {
  try {
    new Function("return 1");
    return "allowed";
  } catch (error) {
    return error.constructor.name;
  }
}

const m = np.array([[1, -2, 3], [4, 5, -6]]);
const ints = np.array(Int32Array.of(7, -3, 2 ** 30, 5, 0, -1));
const floats32 = np.array(Float32Array.of(0.1, 0.2, 0.3));
const results = {
  add: np.add(m, np.array([10, 20, 30])),
  sub: np.sub(m, 1),
  mulInt32: np.mul(ints, ints),
  div: np.div(ints, 2),
  pow: np.pow(np.abs(m), 2),
  powInt32: np.pow(ints, np.full([6], 2, "int32")),
  mod: np.mod(m, -4),
  maximum: np.maximum(m, 0),
  less: np.less(m, 2),
  logicalOr: np.logicalOr(np.greater(m, 3), np.equal(m, -2)),
  neg: np.neg(m),
  square: np.square(ints),
  round: np.round(np.array([0.5, 1.5, 2.5, -2.5])),
  exp: np.exp(floats32),
  sigmoid: np.sigmoid(m),
  logicalNot: np.logicalNot(np.array([0, 1, NaN])),
  scalarAdd: np.add(1, 2),
  scalarLess: np.less(1, 2),
  where: np.where(np.greater(m, 0), m, 0),
  clip: np.clip(m, -1, 2),
  sum: np.sum(m),
  sumAxis: np.sum(m, 0),
  prodInt32: np.prod(ints),
  max: np.max(m, 1, true),
  min: np.min(m),
  mean: np.mean(m, [0, 1]),
  argmax: np.argmax(m, 1),
  argmin: np.argmin(np.array([3, NaN, 1])),
  softmax: np.softmax(m),
  logsumexp: np.logsumexp(m, 0),
  transpose: np.transpose(m),
  concatenate: np.concatenate([m, m], 1),
  take: np.take(m, np.array(Int32Array.of(1, 0)), 0),
  dot: np.dot(m, np.transpose(m)),
  matmul: np.matmul(m, np.ones([3, 2])),
  reference: vmap.reference((row) => np.sum(np.square(row)))(m),
  tensor: new Tensor(Float64Array.of(1, 2), [2], "float64"),
};

const asJson = (value) => (value instanceof Tensor ? { dtype: value.dtype, shape: value.shape, values: value.toArray() } : value);
console.log(JSON.stringify({ codeGeneration: codeGeneration(), results: Object.fromEntries(Object.entries(results).map(([name, value]) => [name, asJson(value)])) }));
