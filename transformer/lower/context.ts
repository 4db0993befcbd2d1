import type * as ts from "typescript";
import { DiagnosticCode, TsvmapError } from "../diagnostics";
import type { PerExampleFunction, TransformEnv } from "../env";
import type { Equation, Kind, Level, Operand, Var } from "../ir";

/**
 * A value as the per-example code holds it: a scalar or tensor operand, a plain
 * structure of values, a helper function to inline, or a nested `vmap(...)` to
 * lower where it is called.
 */
export type Value =
  | Operand
  | { readonly array: readonly Value[] }
  | { readonly object: ReadonlyMap<string, Value> }
  | { readonly helper: PerExampleFunction }
  | { readonly vmapCall: ts.CallExpression };

export function isOperand(value: Value): value is Operand {
  return !("array" in value || "object" in value || "helper" in value || "vmapCall" in value);
}

/** State shared while lowering one vmap call site, including the helpers it inlines. */
export class LowerContext {
  readonly ts: typeof ts;
  readonly checker: ts.TypeChecker;
  /** Where lowered equations go: the program's, or a branch's or loop body's while lowering one. */
  equations: Equation[] = [];
  readonly levels: Level[] = [];
  /**
   * Bindings visible to the function being lowered. Keys are symbols, so an
   * inlined helper sees exactly the enclosing locals it can name.
   */
  scope = new Map<ts.Symbol, Value>();
  /** The locals the function being lowered declares: the only names it may assign. */
  locals = new Set<ts.Symbol>();
  /** The functions being lowered, outermost first, to refuse recursion. */
  readonly inlining: PerExampleFunction[] = [];
  private lastId = 0;
  private visibleAtSite: Set<ts.Symbol> | undefined;

  constructor(
    readonly env: TransformEnv,
    readonly callSite: ts.CallExpression,
  ) {
    this.ts = env.ts;
    this.checker = env.checker;
  }

  newVar(hint: string, kind: Kind, rank: number | undefined): Var {
    return { id: ++this.lastId, hint, kind, rank: kind === "number" || kind === "boolean" ? 0 : rank };
  }

  emit(equation: Equation): void {
    this.equations.push(equation);
  }

  /** Lowers with `lower` into a separate list of equations: a branch, a loop test or a loop body. */
  collect<T>(lower: () => T): { equations: Equation[]; result: T } {
    const outer = this.equations;
    const equations: Equation[] = [];
    this.equations = equations;
    try {
      return { equations, result: lower() };
    } finally {
      this.equations = outer;
    }
  }

  newLevel(name: string, axisSize: number | undefined, node: ts.Node): Level {
    const level: Level = { level: this.levels.length, name, axisSize, node };
    this.levels.push(level);
    return level;
  }

  /** True when `symbol` names the same thing at the vmap call site, where the emitted code will run. */
  isVisibleAtCallSite(symbol: ts.Symbol): boolean {
    if (!this.visibleAtSite) {
      const meaning = this.ts.SymbolFlags.Value | this.ts.SymbolFlags.Alias;
      this.visibleAtSite = new Set(this.checker.getSymbolsInScope(this.callSite, meaning));
    }
    return this.visibleAtSite.has(symbol);
  }

  /** The kind of value `node` has for one example, from its static type. */
  kindOf(node: ts.Node): Kind {
    return this.kindOfType(this.checker.getTypeAtLocation(node), node);
  }

  kindOfType(type: ts.Type, node: ts.Node): Kind {
    const flags = this.ts.TypeFlags;
    if (type.flags & (flags.Any | flags.Unknown)) {
      throw new TsvmapError(
        DiagnosticCode.AnyTyped,
        `\`${node.getText()}\` is typed \`${this.checker.typeToString(type)}\`, so its kind and rank cannot be known. Give it a type: \`number\`, \`boolean\` or \`Tensor\``,
        node,
      );
    }
    if (type.flags & flags.NumberLike) return "number";
    if (type.flags & flags.BooleanLike) return "boolean";
    if (isTensorType(type)) return "tensor";
    return "opaque";
  }
}

function isTensorType(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  return symbol?.getName() === "Tensor" && type.getProperty("shape") !== undefined && type.getProperty("ndim") !== undefined;
}

export function refuse(code: DiagnosticCode, message: string, node: ts.Node): never {
  throw new TsvmapError(code, message, node);
}
