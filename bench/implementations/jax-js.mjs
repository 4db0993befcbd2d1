// @jax-js/jax, written as its users write it: a per-example function over
// jax arrays, batched with its own vmap, and the same under jit(vmap(...)),
// each in float64 and in float32. Arrays live on the Wasm device, the only
// jax-js device Node has (WebGPU and WebGL need a browser). jax-js counts
// references: an argument is consumed by each op, so a value used twice is
// passed as `.ref` first.

const arrayClasses = { float64: Float64Array, float32: Float32Array };

/** jax-js's rows in `dtypes` (float64, float32 or both), each `vmap` and `jit(vmap)`. */
export async function jaxImplementations(dtypes = ["float64"]) {
  const names = dtypes.flatMap((dtype) => [[`jax-js vmap (wasm, ${dtype})`, dtype, false], [`jax-js jit(vmap) (wasm, ${dtype})`, dtype, true]]);
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
    return names.map(([name, dtype]) => ({ name, dtype, unavailable: reason }));
  }
  return names.map(([name, dtype, jitted]) => {
    const toJax = (tensor) => jax.numpy.array(arrayClasses[dtype].from(tensor.data)).reshape([...tensor.shape]);
    const batchedFor = batchedFunctions(jax, toJax);
    const make = (c) => batchedFor[c.workload](c.constants);
    return { name, dtype, prepare: (c) => prepare(c, toJax, jitted ? jax.jit(make(c)) : make(c)) };
  });
}

function prepare(benchCase, toJax, fn) {
  const args = benchCase.args.map(toJax);
  return {
    async call() {
      const out = fn(...args.map((a) => a.ref));
      await out.blockUntilReady();
      return out;
    },
    // dataSync() consumes the array it reads, and release() disposes of it: read through a new reference.
    values: (out) => out.ref.dataSync(),
    dtypeOf: (out) => out.dtype,
    release: (out) => out.dispose(),
    dispose() {
      for (const a of args) a.dispose();
      fn.dispose?.();
    },
  };
}

/** Per workload: the batched function, from the per-example one and the workload's constants (made jax arrays by `toJax`). */
function batchedFunctions({ numpy: np, nn, vmap }, toJax) {
  return {
    sumsq: () => vmap((v) => np.sum(np.square(v))),
    affine: ({ weights, bias }) => {
      const w = toJax(weights);
      const b = toJax(bias);
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
