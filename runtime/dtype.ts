export type DType = "float64" | "float32" | "int32" | "bool";

export type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array;

export const dtypes: readonly DType[] = ["float64", "float32", "int32", "bool"];

export function allocate(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case "float64":
      return new Float64Array(size);
    case "float32":
      return new Float32Array(size);
    case "int32":
      return new Int32Array(size);
    case "bool":
      return new Uint8Array(size);
  }
}

/** The dtype a typed array stands for, or undefined for a class tsvmap does not take. */
export function dtypeOfArray(data: unknown): DType | undefined {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint8Array) return "bool";
  return undefined;
}

export function isTypedArray(value: unknown): value is TypedArray {
  return dtypeOfArray(value) !== undefined;
}

const rank: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * numpy's promotion for the dtypes tsvmap has: bool < int32 < float32 < float64,
 * except that int32 with float32 gives float64 (float32 cannot hold every int32).
 */
export function promote(a: DType, b: DType): DType {
  if ((a === "int32" && b === "float32") || (a === "float32" && b === "int32")) return "float64";
  return rank[a] >= rank[b] ? a : b;
}

/** The dtype of a float result (sqrt, exp, division, mean): ints and bools become float64. */
export function floatOf(dtype: DType): DType {
  return dtype === "float32" ? "float32" : "float64";
}
