/** einsum subscripts split: one string of letters per operand, and the output's. */
export interface EinsumSubscripts {
  readonly inputs: readonly string[];
  readonly output: string;
}

/**
 * The letters of einsum subscripts (`"ij,jk->ik"`) for each operand and for
 * the output: without `->`, numpy's implicit output, the letters that appear
 * once, in alphabetical order. Undefined where the subscripts are not letters,
 * commas and one `->`. Shared by the runtime's `einsum` and the transformer,
 * which adds a letter for each vmap level.
 */
export function einsumLetters(subscripts: string): EinsumSubscripts | undefined {
  const [left, right, ...rest] = subscripts.replace(/\s+/g, "").split("->");
  const inputs = left.split(",");
  if (rest.length > 0 || ![...inputs, right ?? ""].every((part) => /^[a-zA-Z]*$/.test(part))) return undefined;
  const all = inputs.join("");
  return { inputs, output: right ?? [...new Set(all)].filter((letter) => all.indexOf(letter) === all.lastIndexOf(letter)).sort().join("") };
}
