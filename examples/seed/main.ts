import { np, vmap, type Tensor } from "tsvmap";

function sumOfSquares(vector: Tensor): number {
  console.log(`Running sumOfSquares for a vector of shape: (${vector.shape})`);
  return np.sum(np.square(vector));
}

const batch = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 0]]);
const batched = vmap(sumOfSquares);
console.log(batched(batch).toString());

// Pairwise distances by nesting vmap: no loop over either set of points.
function distance(a: Tensor, b: Tensor): number {
  return np.sqrt(np.sum(np.square(np.sub(a, b))));
}
const distancesFrom = (a: Tensor, points: Tensor): Tensor => vmap(distance, { inAxes: [null, 0] })(a, points);
const pairwise = vmap(distancesFrom, { inAxes: [0, null] });
const points = np.array([[0, 0], [3, 4], [6, 8]]);
console.log(pairwise(points, points).toString());
