import type { ModuleStatement, Typed, ValueType } from "./ast";

/** A name the generated code can read at some point, with what the generator knows of it. */
export interface Variable {
  readonly name: string;
  readonly type: ValueType;
  /** Whether the value depends on a mapped argument; an assignment of a batched value makes a `let` batched. */
  batched: boolean;
  /** A `let` the generated code may assign (loop counters and closed-over names may not be). */
  readonly mutable: boolean;
  /** For an integer loop counter: the largest value it takes, so it can index an axis longer than that. */
  readonly maxIndex?: number;
  /** A module-level constant, which helpers see too. */
  readonly constant?: boolean;
  /** A module-level number constant's value (`const K0 = 1.5`: its type is that literal). */
  readonly value?: number;
}

/** A closed-over JS array of numbers. */
export interface ArrayConstant {
  readonly name: string;
  readonly length: number;
}

/** What is in scope at one point of a generated function, and fresh names for the whole module. */
export class Scope {
  private constructor(
    readonly variables: Variable[],
    readonly arrays: readonly ArrayConstant[],
    private readonly module: { next: number; readonly helpers: ModuleStatement[] },
    /** How many vmap levels enclose this point (1 in the outermost per-example function). */
    readonly level: number,
    /** How many loops enclose this point, also around the call a nested function or helper is inlined at. */
    readonly loops: number,
    /** Whether this point runs under a batched condition (a `throw` here is TSVMAP9007; what it assigns becomes batched). */
    readonly guarded: boolean,
  ) {}

  static root(arrays: readonly ArrayConstant[]): Scope {
    return new Scope([], arrays, { next: 0, helpers: [] }, 1, 0, false);
  }

  fresh(prefix: string): string {
    return `${prefix}${this.module.next++}`;
  }

  /** Declares a module-level helper function (they come out in the order they were made). */
  addHelper(helper: ModuleStatement): void {
    this.module.helpers.push(helper);
  }

  helpers(): readonly ModuleStatement[] {
    return this.module.helpers;
  }

  /** The same point, seeing only its unbatched values (for conditions that must stay JS branches). */
  unbatchedOnly(): Scope {
    return new Scope(this.variables.filter((v) => !v.batched), this.arrays, this.module, this.level, this.loops, this.guarded);
  }

  /** A scope for a block, under a batched condition when `guarded`: it sees everything here; what it declares stays inside. */
  block(guarded = false): Scope {
    return new Scope([...this.variables], this.arrays, this.module, this.level, this.loops, this.guarded || guarded);
  }

  loopBody(guarded = false): Scope {
    return new Scope([...this.variables], this.arrays, this.module, this.level, this.loops + 1, this.guarded || guarded);
  }

  /** The scope of a function nested one vmap level deeper (or a helper): it reads what is here, assigns nothing of it. */
  nested(closedOver: readonly Variable[], level: number): Scope {
    const readOnly = closedOver.map((v) => ({ ...v, mutable: false }));
    return new Scope(readOnly, this.arrays, this.module, level, this.loops, this.guarded);
  }

  declare(variable: Variable): Variable {
    this.variables.push(variable);
    return variable;
  }

  mutables(): Variable[] {
    return this.variables.filter((v) => v.mutable);
  }
}

export function read(variable: Variable): Typed {
  return { expr: { kind: "name", name: variable.name }, type: variable.type, batched: variable.batched };
}

export function literal(value: number): Typed {
  return { expr: { kind: "number", value }, type: { kind: "number" }, batched: false };
}

/** The mixed-radix digit `i` of `pick`: the `i`-th choice of a plan, in [0, n). Zero picks every first option. */
export function choice(pick: number, i: number, n: number): number {
  return Math.floor(pick / 7 ** i) % n;
}

export function chooseFrom<T>(pick: number, i: number, options: readonly T[]): T {
  return options[choice(pick, i, options.length)];
}

