import { broadcastShapes } from "../broadcast";
import { allocate, promote } from "../dtype";
import { broadcastTo } from "../shape";
import { Tensor } from "../tensor";
import { toTensor } from "./tensors";

/**
 * JS operators whose meaning numpy spells differently, batched: `%` keeps the
 * dividend's sign (numpy's `mod` takes the divisor's), `Math.round` rounds
 * half up (numpy's `round` rounds half to even).
 */

export function remainder(a: Tensor | number, b: Tensor | number): Tensor {
  const ta = toTensor(a);
  const tb = toTensor(b);
  const shape = broadcastShapes("remainder", ta.shape, tb.shape);
  const left = broadcastTo(ta, shape).data;
  const right = broadcastTo(tb, shape).data;
  const dtype = typeof a === "number" ? tb.dtype : typeof b === "number" ? ta.dtype : promote(ta.dtype, tb.dtype);
  const out = allocate(dtype === "bool" ? "float64" : dtype, left.length);
  for (let i = 0; i < out.length; i++) out[i] = left[i] % right[i];
  return new Tensor(out, shape, dtype === "bool" ? "float64" : dtype);
}

export function roundHalfUp(x: Tensor): Tensor {
  return mapElements(x, Math.round);
}

export function trunc(x: Tensor): Tensor {
  return mapElements(x, Math.trunc);
}

function mapElements(x: Tensor, fn: (value: number) => number): Tensor {
  const dtype = x.dtype === "bool" ? "float64" : x.dtype;
  const out = allocate(dtype, x.size);
  for (let i = 0; i < out.length; i++) out[i] = fn(x.data[i]);
  return new Tensor(out, x.shape, dtype);
}
