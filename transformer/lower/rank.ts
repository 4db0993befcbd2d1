import { type Operand, isVar } from "../ir";

const reductions = new Set(["sum", "mean", "max", "min", "prod", "argmax", "argmin", "logsumexp"]);
const sameRank = new Set(["softmax", "array"]);

/** The per-example rank of a primitive's result, where the code fixes it; undefined when only run time knows. */
export function rankOfPrim(prim: string, args: readonly Operand[]): number | undefined {
  const ranks = args.map((arg) => (isVar(arg) ? arg.rank : 0));
  if (reductions.has(prim)) return isAbsent(args[1]) && isAbsent(args[2]) ? 0 : undefined;
  if (sameRank.has(prim)) return ranks[0];
  switch (prim) {
    case "at":
      return 0;
    case "index":
      return ranks[0] === undefined ? undefined : ranks[0] - 1;
    case "outer":
      return 2;
    case "dot":
      return dotRank(ranks[0], ranks[1]);
    case "reshape": case "transpose": case "expandDims": case "squeeze": case "broadcastTo": case "concatenate":
    case "stack": case "slice": case "take": case "matmul": case "zeros": case "ones": case "full":
    case "arange": case "linspace": case "eye":
      return undefined;
  }
  return ranks.some((rank) => rank === undefined) ? undefined : Math.max(0, ...(ranks as number[]));
}

function dotRank(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === 0 || b === 0) return Math.max(a, b);
  return b === 1 ? a - 1 : a + b - 2;
}

function isAbsent(arg: Operand | undefined): boolean {
  return arg === undefined || (!isVar(arg) && (arg.literal === undefined || arg.literal === null || arg.literal === false));
}
