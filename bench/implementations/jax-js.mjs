// @jax-js/jax, written as its users write it: a per-example function over
// jax arrays, batched with its own vmap, and the same under jit(vmap(...)).
// Arrays are float64 on the Wasm device, the only jax-js device Node has
// (WebGPU and WebGL need a browser). jax-js counts references: an argument
// is consumed by each op, so a value used twice is passed as `.ref` first.

export async function jaxImplementations() {
  let jax;
  try {
    // jax-js tests `data instanceof Float16Array` when it makes an array, and
    // Node 20 has no Float16Array global. A class nothing is an instance of
    // lets that test answer false; no float16 array is ever made here.
    globalThis.Float16Array ??= class Float16Array {};
    jax = await import("@jax-js/jax");
    const devices = await jax.init("wasm");
    if (!devices.includes("wasm")) throw new Error(`init("wasm") gave devices [${devices.join(", ")}]`);
    jax.defaultDevice("wasm");
  } catch (error) {
    const reason = `@jax-js/jax did not load: ${error.message}`;
    return [
      { name: "jax-js vmap (wasm)", dtype: "float64", unavailable: reason },
      { name: "jax-js jit(vmap) (wasm)", dtype: "float64", unavailable: reason },
    ];
  }
  const batchedFor = batchedFunctions(jax);
  return [
    { name: "jax-js vmap (wasm)", dtype: "float64", prepare: (c) => prepare(jax, c, batchedFor[c.workload](c.constants)) },
    { name: "jax-js jit(vmap) (wasm)", dtype: "float64", prepare: (c) => prepare(jax, c, jax.jit(batchedFor[c.workload](c.constants))) },
  ];
}

function prepare(jax, benchCase, fn) {
  const args = benchCase.args.map((tensor) => toJax(jax.numpy, tensor));
  return {
    async call() {
      const out = fn(...args.map((a) => a.ref));
      await out.blockUntilReady();
      return out;
    },
    // dataSync() consumes the array it reads, and release() disposes of it: read through a new reference.
    values: (out) => out.ref.dataSync(),
    release: (out) => out.dispose(),
    dispose() {
      for (const a of args) a.dispose();
      fn.dispose?.();
    },
  };
}

/** A tsvmap Tensor as a float64 jax-js array of the same shape. */
function toJax(np, tensor) {
  return np.array(Float64Array.from(tensor.data)).reshape([...tensor.shape]);
}

/** Per workload: the batched function, from the per-example one and the workload's constants. */
function batchedFunctions({ numpy: np, nn, vmap }) {
  return {
    sumsq: () => vmap((v) => np.sum(np.square(v))),
    affine: ({ weights, bias }) => {
      const w = toJax(np, weights);
      const b = toJax(np, bias);
      return vmap((x) => nn.relu(np.dot(x, w.ref).add(b.ref)));
    },
    blackscholes: ({ rate, volatility }) => {
      const drift = rate + 0.5 * volatility * volatility;
      const normalCdf = (x) => {
        const k = np.reciprocal(np.abs(x.ref).mul(0.2316419).add(1));
        let poly = k.ref.mul(1.330274429).add(-1.821255978);
        poly = k.ref.mul(poly).add(1.781477937);
        poly = k.ref.mul(poly).add(-0.356563782);
        poly = k.ref.mul(poly).add(0.31938153);
        poly = k.mul(poly);
        const upper = np.exp(x.ref.mul(-0.5).mul(x.ref)).mul(0.3989422804014327).mul(poly).neg().add(1);
        return np.where(x.less(0), upper.ref.neg().add(1), upper);
      };
      return vmap((spot, strike, years) => {
        const volatilityTime = np.sqrt(years.ref).mul(volatility);
        const d1 = np.log(spot.ref.div(strike.ref)).add(years.ref.mul(drift)).div(volatilityTime.ref);
        const d2 = d1.ref.sub(volatilityTime);
        return spot.mul(normalCdf(d1)).sub(strike.mul(np.exp(years.mul(-rate))).mul(normalCdf(d2)));
      });
    },
    softmax: () => vmap((logits) => nn.softmax(logits)),
    pairwise: () => {
      const distance = (a, b) => np.sqrt(np.sum(np.square(a.sub(b))));
      return vmap(vmap(distance, [null, 0]), [0, null]);
    },
    select: () => vmap((x) => np.where(x.ref.greater(0), np.sqrt(x.ref), x.ref.mul(x).neg())),
  };
}
