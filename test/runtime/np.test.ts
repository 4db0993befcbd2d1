import { describe, expect, it } from "vitest";
import * as np from "../../runtime/np";

const opNames = [
  "array", "asarray", "zeros", "ones", "full", "arange", "linspace", "eye",
  "neg", "abs", "sign", "sqrt", "square", "exp", "log", "log1p", "expm1", "sin", "cos", "tan", "tanh", "sigmoid",
  "floor", "ceil", "round",
  "sinh", "cosh", "arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh", "log2", "log10", "cbrt", "trunc",
  "isnan", "isinf", "isfinite", "arctan2", "hypot",
  "add", "sub", "mul", "div", "pow", "mod", "maximum", "minimum",
  "less", "lessEqual", "greater", "greaterEqual", "equal", "notEqual",
  "logicalAnd", "logicalOr", "logicalXor", "logicalNot", "where", "clip",
  "sum", "mean", "max", "min", "prod", "argmax", "argmin", "var", "std", "median", "any", "all", "cumsum", "cumprod", "diff", "sort", "argsort", "flip", "tril", "triu", "diagonal", "trace", "logsumexp", "softmax", "logSoftmax", "zerosLike", "onesLike",
  "reshape", "transpose", "expandDims", "squeeze", "broadcastTo", "concatenate", "stack",
  "index", "at", "slice", "take", "set", "moveaxis",
  "dot", "matmul", "outer", "cross", "einsum",
];

describe("np", () => {
  it("exports exactly the ops of the contract and numpy's others it has (var, std, cumsum, arctan2, isnan, ...), each a function, and np.linalg's norm, det, inv, solve and cholesky", () => {
    expect(Object.keys(np).sort()).toEqual([...opNames, "linalg"].sort());
    for (const name of opNames) expect(typeof (np as Record<string, unknown>)[name]).toBe("function");
    expect(Object.keys(np.linalg).sort()).toEqual(["cholesky", "det", "inv", "norm", "solve"]);
    for (const name of Object.keys(np.linalg)) expect(typeof (np.linalg as Record<string, unknown>)[name]).toBe("function");
  });
  it("runs the README example per example and batched", () => {
    const batch = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 0]]);
    const perExample = [0, 1, 2, 3].map((i) => np.sum(np.square(np.index(batch, i))));
    expect(perExample).toEqual([14, 77, 194, 1]);
    expect(np.stack(perExample).toString()).toBe("[14, 77, 194, 1]");
    expect(np.sum(np.square(batch), 1).toString()).toBe("[14, 77, 194, 1]");
  });
});
