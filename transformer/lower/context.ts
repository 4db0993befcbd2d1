import type * as ts from "typescript";
import { DiagnosticCode, TsvmapError } from "../diagnostics";
import type { PerExampleFunction, TransformEnv } from "../env";
import { type Equation, type Kind, type Level, type Operand, type Var, isVar } from "../ir";
import type { AbstractOperand } from "../prims";

/**
 * A value as the per-example code holds it: a scalar or tensor operand, a plain
 * structure of values, a helper function to inline (with the bindings it
 * closed over where it was written inside the per-example code), or a nested
 * `vmap(...)` to lower where it is called.
 */
export type Value =
  | Operand
  | { readonly array: readonly Value[] }
  | { readonly object: ReadonlyMap<string, Value> }
  | { readonly helper: PerExampleFunction; readonly closure?: ReadonlyMap<Binding, Value> }
  | { readonly vmapCall: ts.CallExpression };

/**
 * A binding the lowering adds itself: a jump flag (`broke`, `continued`,
 * `returned`) or the slot a `return` inside a loop fills. Named as a symbol
 * is, so branches and loops carry it like any local.
 */
export class Slot {
  constructor(private readonly name: string) {}

  getName(): string {
    return this.name;
  }
}

/** What the scope binds: a name of the program, or a slot of the lowering. */
export type Binding = ts.Symbol | Slot;

/** A loop or `switch` that `break` (and, for a loop, `continue`) may leave; `label` where it is labelled. */
export interface JumpTarget {
  readonly broke: Slot;
  readonly continued?: Slot;
  readonly label?: string;
}

/** Where the jumps of the statements being lowered go. */
export interface JumpTargets {
  /** Enclosing loops and `switch`es, innermost last: `break` sets the innermost's flag, `continue` the innermost loop's. */
  readonly breakable: readonly JumpTarget[];
  /** Set while lowering a loop or `switch` that holds a `return` of the function. */
  readonly returns?: { readonly returned: Slot; readonly result: Slot };
}

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
  scope = new Map<Binding, Value>();
  /** The locals the function being lowered declares: the only names it may assign. */
  locals = new Set<ts.Symbol>();
  /** How many loop bodies enclose what is being lowered: a list may grow only outside them. */
  loopDepth = 0;
  /** Where `break`, `continue` and `return` in a loop go; each inlined function starts with none. */
  jumps: JumpTargets = { breakable: [] };
  /**
   * Stand-ins for `let x;` before its first assignment. TypeScript's
   * definite-assignment check means no example reads one, so a branch or
   * loop that meets one takes the other side's kind, and `where(c, a, unset)`
   * is `a` wherever it is read.
   */
  private readonly unsetValues = new WeakSet<Operand>();
  /** The functions being lowered, outermost first, to refuse recursion. */
  readonly inlining: PerExampleFunction[] = [];
  /** The elements of list values written as array literals (`[2, 3]`, `[a, b]`). */
  private readonly lists = new Map<Var, readonly Operand[]>();
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

  /** A stand-in for a value not yet assigned, of the kind the declaration says. */
  unset(kind: Kind): Operand {
    const operand = { literal: kind === "boolean" ? false : 0 };
    this.unsetValues.add(operand);
    return operand;
  }

  isUnset(value: Value): boolean {
    return isOperand(value) && this.unsetValues.has(value);
  }

  emit(equation: Equation): void {
    if (equation.op === "array") this.lists.set(equation.out, equation.elements);
    this.equations.push(equation);
  }

  /** What a primitive's abstract evaluation sees of `operand`. */
  abstractOf(operand: Operand): AbstractOperand {
    if (!isVar(operand)) {
      const kind = typeof operand.literal === "number" ? "number" : typeof operand.literal === "boolean" ? "boolean" : "opaque";
      return { kind, rank: kind === "opaque" ? undefined : 0, literal: operand.literal };
    }
    const elements = this.lists.get(operand);
    if (!elements) return { kind: operand.kind, rank: operand.rank };
    const ranks = elements.map((element) => this.abstractOf(element).rank);
    const rank = ranks.every((r) => r === ranks[0]) ? ranks[0] : undefined;
    return { kind: operand.kind, rank, length: elements.length };
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

  newLevel(name: string, options: Pick<Level, "axisSize" | "inAxes" | "outAxes" | "chunkSize" | "threads">, node: ts.Node): Level {
    const { axisSize, inAxes, outAxes, chunkSize, threads } = options;
    const level: Level = { level: this.levels.length, name, axisSize, inAxes, outAxes, chunkSize, threads, node };
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
    if (type.isUnion()) return this.kindOfUnion(type, node);
    return "opaque";
  }

  /**
   * A union is the kind all its members share (`1 | 0.5` is a number), with
   * `null` and `undefined` left out (an optional Tensor is a Tensor). A number
   * or a Tensor (`np.dot`'s `number | Tensor`) is a value of unknown rank,
   * which the batched code reads as a number or a Tensor alike.
   */
  private kindOfUnion(type: ts.UnionType, node: ts.Node): Kind {
    const nullish = this.ts.TypeFlags.Null | this.ts.TypeFlags.Undefined | this.ts.TypeFlags.Void;
    const kinds = new Set(type.types.filter((member) => !(member.flags & nullish)).map((member) => this.kindOfType(member, node)));
    if (kinds.size === 1) return [...kinds][0];
    if (kinds.has("tensor") && [...kinds].every((kind) => kind === "tensor" || kind === "number")) return "tensor";
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
