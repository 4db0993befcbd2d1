// TensorFlow.js, written as its users write it: tfjs has no vmap, so each
// workload is the batched ops a tfjs user would call, over the whole batch.
// tfjs computes in float32 only; its results are checked at float32 tolerance.
// The two backends that run in plain Node are measured: cpu (JavaScript) and
// wasm. tfjs has one active backend per process: each row makes its own the
// active one before it makes its tensors and, off the clock, before each call.

/** tfjs's rows, one per backend in `backends` ("cpu", "wasm"). */
export async function tfjsImplementations(backends) {
  let tf;
  try {
    tf = await import("@tensorflow/tfjs");
    if (backends.includes("wasm")) await import("@tensorflow/tfjs-backend-wasm");
  } catch (error) {
    return backends.map((backend) => ({ name: `tfjs ${backend}`, dtype: "float32", unavailable: `@tensorflow/tfjs did not load: ${error.message}` }));
  }
  // Production mode, as tfjs recommends for deployed code: no debug checks, and no banner recommending tfjs-node (which has its own row).
  tf.enableProdMode();
  const rows = [];
  for (const backend of backends) {
    const name = `tfjs ${backend}`;
    const activate = async () => {
      if (tf.getBackend() === backend) return;
      if (!(await tf.setBackend(backend))) throw new Error(`setBackend("${backend}") returned false`);
      await tf.ready();
    };
    try {
      await activate();
      rows.push({ name, dtype: "float32", prepare: async (c) => (await activate(), prepare(tf, c, activate)) });
    } catch (error) {
      rows.push({ name, dtype: "float32", unavailable: `backend ${backend} failed to start: ${error.message}` });
    }
  }
  return rows;
}

function prepare(tf, benchCase, activate) {
  const toTf = (tensor) => tf.tensor(Float32Array.from(tensor.data), [...tensor.shape], "float32");
  const args = benchCase.args.map(toTf);
  const constants = Object.fromEntries(
    Object.entries(benchCase.constants).map(([key, value]) => [key, typeof value === "number" ? value : toTf(value)]),
  );
  const program = programs[benchCase.workload];
  return {
    enter: activate,
    call: () => tf.tidy(() => program(tf, args, constants)),
    values: (out) => out.dataSync(),
    dtypeOf: (out) => out.dtype,
    release: (out) => out.dispose(),
    dispose() {
      tf.dispose([...args, ...Object.values(constants).filter((value) => typeof value !== "number")]);
    },
  };
}

/** Per workload: the batched tfjs program over the batch's arguments and the workload's constants. */
const programs = {
  sumsq: (tf, [rows]) => tf.sum(tf.square(rows), 1),
  affine: (tf, [x], { weights, bias }) => tf.relu(tf.add(tf.matMul(x, weights), bias)),
  blackscholes: (tf, [spot, strike, years], { rate, volatility }) => {
    const normalCdf = (x) => {
      const k = tf.reciprocal(tf.add(1, tf.mul(0.2316419, tf.abs(x))));
      let poly = tf.add(-1.821255978, tf.mul(k, 1.330274429));
      poly = tf.add(1.781477937, tf.mul(k, poly));
      poly = tf.add(-0.356563782, tf.mul(k, poly));
      poly = tf.add(0.31938153, tf.mul(k, poly));
      poly = tf.mul(k, poly);
      const upper = tf.sub(1, tf.mul(tf.mul(0.3989422804014327, tf.exp(tf.mul(tf.mul(-0.5, x), x))), poly));
      return tf.where(tf.less(x, 0), tf.sub(1, upper), upper);
    };
    const volatilityTime = tf.mul(volatility, tf.sqrt(years));
    const d1 = tf.div(tf.add(tf.log(tf.div(spot, strike)), tf.mul(rate + 0.5 * volatility * volatility, years)), volatilityTime);
    const d2 = tf.sub(d1, volatilityTime);
    return tf.sub(tf.mul(spot, normalCdf(d1)), tf.mul(tf.mul(strike, tf.exp(tf.mul(-rate, years))), normalCdf(d2)));
  },
  softmax: (tf, [logits]) => tf.softmax(logits),
  pairwise: (tf, [left, right]) => tf.sqrt(tf.sum(tf.square(tf.sub(tf.expandDims(left, 1), tf.expandDims(right, 0))), 2)),
  select: (tf, [x]) => tf.where(tf.greater(x, 0), tf.sqrt(x), tf.neg(tf.mul(x, x))),
};
