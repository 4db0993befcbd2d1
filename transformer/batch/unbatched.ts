import type { Equation } from "../ir";
import { type Code, helper, np } from "./code";

/** An equation none of whose operands is batched, written back in the form the user wrote it. */
export function unbatchedCode(equation: Extract<Equation, { op: "prim" }>, args: readonly Code[]): Code {
  const source = equation.source;
  switch (source.form) {
    case "operator":
      return { operator: source.token, args, prefix: source.prefix };
    case "math":
      return { math: source.name, args, global: source.global };
    case "conditional":
      return { conditional: [args[0], args[1], args[2]] };
    case "np":
      return np(equation.prim, ...args);
    case "helper":
      return helper(source.name, ...args);
  }
}
