/** An example one click away: its module and the shapes of its sample inputs (`B` is the batch size). */
export interface Example {
  readonly name: string;
  readonly source: string;
  readonly inputs: string;
}

const header = `import { vmap, np, type Tensor } from "tsvmap";\n\n`;

// From the README and from JAX's vmap tutorial. Each module exports `batched`, the function the playground runs.
export const examples: readonly Example[] = [
  {
    name: "sum of squares",
    inputs: "[[B, 3]]",
    source: `${header}function sumOfSquares(vector: Tensor): number {
  console.log(\`Running sumOfSquares for a vector of shape: (\${vector.shape})\`);
  return np.sum(np.square(vector));
}

export const batched = vmap(sumOfSquares);
`,
  },
  {
    name: "batched dot",
    inputs: "[[B, 3], [3]]",
    source: `${header}// An np op vmapped directly: each row of the batch against one vector, passed whole (null).
export const batched = vmap(np.dot, { inAxes: [0, null] });
`,
  },
  {
    name: "matvec",
    inputs: "[[4, 3], [B, 3]]",
    source: `${header}// One matrix against a batch of vectors, as JAX's tutorial batches a matrix-vector product.
const matvec = (matrix: Tensor, vector: Tensor) => np.dot(matrix, vector);

export const batched = vmap(matvec, { inAxes: [null, 0] });
`,
  },
  {
    name: "select",
    inputs: "[[B]]",
    source: `${header}// A batched condition: both sides are evaluated and where() picks, as lax.cond does under vmap.
const select = (x: number): number => (x > 0 ? Math.sqrt(x) : -x * 0.5);

export const batched = vmap(select);
`,
  },
  {
    name: "softmax",
    inputs: "[[B, 5]]",
    source: `${header}function softmax(logits: Tensor): Tensor {
  const shifted = np.sub(logits, np.max(logits));
  const exps = np.exp(shifted);
  return np.div(exps, np.sum(exps));
}

export const batched = vmap(softmax);
`,
  },
  {
    name: "affine relu",
    inputs: "[[B, 3], { weights: [3, 4], bias: [4] }]",
    source: `${header}interface Layer {
  weights: Tensor;
  bias: Tensor;
}

// relu(x·W + b) for each example; the layer's parameters are shared (null).
function affineRelu(x: Tensor, layer: Layer): Tensor {
  return np.maximum(np.add(np.dot(x, layer.weights), layer.bias), 0);
}

export const batched = vmap(affineRelu, { inAxes: [0, null] });
`,
  },
  {
    name: "pairwise distances",
    inputs: "[[B, 2], [6, 2]]",
    source: `${header}// Nested vmap: each point of the batch against every point of a second set, no loop over either.
function distance(a: Tensor, b: Tensor): number {
  return np.sqrt(np.sum(np.square(np.sub(a, b))));
}

const distancesFrom = (a: Tensor, points: Tensor): Tensor => vmap(distance, { inAxes: [null, 0] })(a, points);

export const batched = vmap(distancesFrom, { inAxes: [0, null] });
`,
  },
  {
    name: "layer norm",
    inputs: "[[B, 8], [8]]",
    source: `${header}// Each example normalized over its features, then scaled: np.mean, np.var, a shared gain (null).
function layerNorm(x: Tensor, gain: Tensor): Tensor {
  const centered = np.sub(x, np.mean(x));
  return np.mul(np.div(centered, np.sqrt(np.add(np.var(x), 1e-5))), gain);
}

export const batched = vmap(layerNorm, { inAxes: [0, null] });
`,
  },
  {
    name: "refused: outer mutation",
    inputs: "[[B]]",
    source: `${header}let calls = 0;

// Writing to a variable outside the function is refused.
function counted(x: number): number {
  calls += 1;
  return x * 2;
}

export const batched = vmap(counted);
`,
  },
];
