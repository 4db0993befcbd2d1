import { type EinsumSubscripts, einsumLetters } from "./einsum-letters";
import { mul } from "./elementwise/binary";
import { matmul } from "./linalg";
import { type Operand, asTensor } from "./operand";
import { sum } from "./reduce";
import { expandDims, reshape, transpose } from "./shape";
import { type Tensor, formatShape } from "./tensor";

/**
 * numpy's einsum subscripts: `"ij,jk->ik"`, or without `->` the output of
 * numpy's implicit mode (`einsumLetters`). Each letter names one axis; a
 * letter repeated within an operand (a diagonal) and `...` are not supported.
 */
export function parseSubscripts(subscripts: string, operands: number): EinsumSubscripts {
  if (typeof subscripts !== "string") throw new TypeError(`einsum: subscripts must be a string like "ij,jk->ik", got ${String(subscripts)}`);
  if (subscripts.includes(".")) throw new RangeError(`einsum: "${subscripts}": "..." is not supported; name every axis with a letter`);
  const parsed = einsumLetters(subscripts);
  if (parsed === undefined) {
    throw new RangeError(`einsum: "${subscripts}" is not of the form "ij,jk->ik": letters for each operand's axes, "," between operands, then "->" and the output's`);
  }
  const { inputs, output } = parsed;
  if (inputs.length !== operands) throw new RangeError(`einsum: "${subscripts}" names ${inputs.length} operands but ${operands} are given`);
  for (const letters of inputs) {
    const repeated = [...letters].find((letter, position) => letters.indexOf(letter) !== position);
    if (repeated !== undefined) throw new RangeError(`einsum: "${subscripts}": ${repeated} appears twice in "${letters}"; diagonals are not supported`);
  }
  const all = inputs.join("");
  for (const [position, letter] of [...output].entries()) {
    if (!all.includes(letter)) throw new RangeError(`einsum: "${subscripts}": output axis ${letter} is not an axis of any operand`);
    if (output.indexOf(letter) !== position) throw new RangeError(`einsum: "${subscripts}": ${letter} appears twice in the output`);
  }
  return parsed;
}

/**
 * numpy's `einsum` for the subscripts `parseSubscripts` takes: the product of
 * the operands summed over every letter not in the output, its axes in the
 * output's order. Always a Tensor (rank 0 for an empty output). Operands are
 * contracted left to right, each pair as one `matmul` where both have axes of
 * their own and shared ones to sum (the shared ones kept form the stack of
 * matrices), else as a broadcast product; a letter only one operand has is
 * summed first. The result's dtype is numpy's promotion of the operands' (bool
 * computes as int32).
 */
export function einsum(subscripts: string, ...operands: Operand[]): Tensor {
  const parsed = parseSubscripts(subscripts, operands.length);
  const tensors = operands.map((operand) => asTensor("einsum", operand));
  const extents = new Map<string, number>();
  tensors.forEach((t, index) => {
    const letters = parsed.inputs[index];
    if (t.ndim !== letters.length) throw new RangeError(`einsum: "${subscripts}": operand ${index} has shape ${formatShape(t.shape)}, rank ${t.ndim}, but "${letters}" names ${letters.length} axes`);
    [...letters].forEach((letter, axis) => {
      const known = extents.get(letter);
      if (known !== undefined && known !== t.shape[axis]) {
        throw new RangeError(`einsum: "${subscripts}": axis ${letter} has extent ${known} in one operand and ${t.shape[axis]} in operand ${index} (shape ${formatShape(t.shape)})`);
      }
      extents.set(letter, t.shape[axis]);
    });
  });
  let current: Labeled = { tensor: tensors[0], letters: parsed.inputs[0] };
  for (let index = 1; index < tensors.length; index++) {
    const needed = parsed.output + parsed.inputs.slice(index + 1).join("");
    current = contract(current, { tensor: tensors[index], letters: parsed.inputs[index] }, needed, extents);
  }
  const summed = sumOut(current, parsed.output);
  return arranged(summed, parsed.output);
}

interface Labeled {
  readonly tensor: Tensor;
  readonly letters: string;
}

/** `x` summed over its letters that are not in `kept`. */
function sumOut(x: Labeled, kept: string): Labeled {
  const axes = [...x.letters].flatMap((letter, axis) => (kept.includes(letter) ? [] : [axis]));
  if (axes.length === 0) return x;
  return { tensor: sum(x.tensor, axes, false) as Tensor, letters: [...x.letters].filter((letter) => kept.includes(letter)).join("") };
}

/** `x` with its axes in the order of `letters` (which holds each of its letters). */
function arranged(x: Labeled, letters: string): Tensor {
  if (x.letters === letters) return x.tensor;
  return transpose(x.tensor, [...letters].map((letter) => x.letters.indexOf(letter)));
}

/** The product of `a` and `b` summed over their shared letters that are not `needed` later. */
function contract(a: Labeled, b: Labeled, needed: string, extents: ReadonlyMap<string, number>): Labeled {
  const left = sumOut(a, b.letters + needed);
  const right = sumOut(b, a.letters + needed);
  const inBoth = (letter: string) => left.letters.includes(letter) && right.letters.includes(letter);
  const stack = [...left.letters].filter((letter) => inBoth(letter) && needed.includes(letter)).join("");
  const summed = [...left.letters].filter((letter) => inBoth(letter) && !needed.includes(letter)).join("");
  const ownLeft = [...left.letters].filter((letter) => !inBoth(letter)).join("");
  const ownRight = [...right.letters].filter((letter) => !inBoth(letter)).join("");
  const extentsOf = (letters: string) => [...letters].map((letter) => extents.get(letter)!);
  const size = (letters: string) => extentsOf(letters).reduce((product, extent) => product * extent, 1);
  if (summed.length > 0 && ownLeft.length > 0 && ownRight.length > 0) {
    const matrices = (x: Labeled, rows: string, columns: string) => reshape(arranged(x, stack + rows + columns), [...extentsOf(stack), size(rows), size(columns)]);
    const product = matmul(matrices(left, ownLeft, summed), matrices(right, summed, ownRight));
    return { tensor: reshape(product, extentsOf(stack + ownLeft + ownRight)), letters: stack + ownLeft + ownRight };
  }
  // Nothing to sum, or one side has no axis of its own: a broadcast product, no larger than the result with the summed axes.
  const letters = stack + summed + ownLeft + ownRight;
  const spread = (x: Labeled, own: string, missing: string) => {
    const order = stack + summed + own;
    const at = [...missing].map((letter) => letters.indexOf(letter));
    return at.length === 0 ? arranged(x, order) : expandDims(arranged(x, order), at);
  };
  const product = mul(spread(left, ownLeft, ownRight), spread(right, ownRight, ownLeft)) as Tensor;
  return sumOut({ tensor: product, letters }, needed);
}
