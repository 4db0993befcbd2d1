/** `np.linalg`: numpy's linear-algebra namespace, as far as tsvmap has it. */
export { norm } from "./norm";
export { cholesky } from "./cholesky";
export { det, inv, solve } from "./solve";
