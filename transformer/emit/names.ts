import type { Var } from "../ir";

const reserved = new Set([
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
  "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static",
  "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "undefined",
]);

/** Readable, unique names for the values of one emitted function: the user's names where they fit. */
export class Names {
  private readonly byId = new Map<number, string>();
  private readonly taken: Set<string>;

  constructor(outside: Iterable<string>) {
    this.taken = new Set(outside);
  }

  of(v: Var): string {
    let name = this.byId.get(v.id);
    if (name === undefined) {
      name = this.fresh(v.hint);
      this.byId.set(v.id, name);
    }
    return name;
  }

  /** A new name, unique among all this table gave out or was told of. */
  fresh(hint: string): string {
    const base = /^[A-Za-z_$][\w$]*$/.test(hint) && !reserved.has(hint) ? hint : "value";
    let name = base;
    for (let suffix = 1; this.taken.has(name); suffix++) name = `${base}_${suffix}`;
    this.taken.add(name);
    return name;
  }
}
