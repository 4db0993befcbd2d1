import { np, vmap, type Tensor } from "tsvmap";

// A per-example chain with an intermediate larger than its input: (3) -> (16) -> a number.
const weights = np.reshape(np.linspace(-1, 1, 48), [3, 16]);

function score(v: Tensor): number {
  const hidden = np.tanh(np.dot(v, weights));
  return np.sum(np.softmax(hidden));
}

export const whole = vmap(score);
export const chunked = vmap(score, { chunkSize: 16384 });
