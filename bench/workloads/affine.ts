import { np, vmap, type Tensor } from "tsvmap";
import type { BenchCase } from "./bench-case";
import { Random } from "./random";

const batch = 4096;
const features = 256;
const random = new Random(2);
const weightData = random.normal(features * features, 1 / 16);
const biasData = random.normal(features);
const weights = np.array(weightData, [features, features]);
const bias = np.array(biasData, [features]);
const weights32 = np.array(Float32Array.from(weightData), [features, features]);
const bias32 = np.array(Float32Array.from(biasData), [features]);

/** W2, per example: one dense layer, relu(x·W + b), with W and b closed over. */
export function affine(x: Tensor): Tensor {
  return np.maximum(np.add(np.dot(x, weights), bias), 0);
}

export const affineBatched = vmap(affine);

/** The same layer as a float32 user writes it: W and b float32 too, so that float32 inputs stay float32. */
export function affine32(x: Tensor): Tensor {
  return np.maximum(np.add(np.dot(x, weights32), bias32), 0);
}

export const affine32Batched = vmap(affine32);

/** The limit: row-by-row matrix product (i-k-j order, unit stride in W), bias and relu in the same pass. */
export function affineLoop(x: Float64Array, w: Float64Array, b: Float64Array, rows: number, inner: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let k = 0; k < inner; k++) {
      const xik = x[i * inner + k];
      const wRow = k * cols;
      for (let j = 0; j < cols; j++) out[row + j] += xik * w[wRow + j];
    }
    for (let j = 0; j < cols; j++) {
      const y = out[row + j] + b[j];
      out[row + j] = y > 0 ? y : 0;
    }
  }
  return out;
}

export function cases(): BenchCase[] {
  const data = new Random(3).normal(batch * features);
  const x = np.array(data, [batch, features]);
  const perExample = vmap.reference(affine);
  return [
    {
      workload: "affine",
      size: `${batch} × ${features} · ${features}×${features}`,
      args: [x],
      constants: { weights, bias },
      batched: affineBatched,
      batchedFloat32: affine32Batched,
      perExample: () => perExample(x),
      handWritten: () => affineLoop(data, weightData, biasData, batch, features, features),
    },
  ];
}
