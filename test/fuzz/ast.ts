/*
 * The generated programs as a small typed AST: every expression knows the
 * per-example type of its value (and whether it depends on a mapped argument),
 * so the generator can build only well-typed, well-shaped programs, and the
 * printer turns it into TypeScript.
 */

/** A per-example value: a JS number, a JS boolean, or a Tensor of a known shape. */
export type ValueType =
  | { readonly kind: "number" }
  | { readonly kind: "boolean" }
  | { readonly kind: "tensor"; readonly shape: readonly number[] };

export const numberType: ValueType = { kind: "number" };
export const booleanType: ValueType = { kind: "boolean" };
export const tensorType = (shape: readonly number[]): ValueType => ({ kind: "tensor", shape });

export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "name"; readonly name: string }
  | { readonly kind: "call"; readonly callee: string; readonly args: readonly Expr[] }
  | { readonly kind: "binary"; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "unary"; readonly op: string; readonly operand: Expr }
  | { readonly kind: "conditional"; readonly test: Expr; readonly then: Expr; readonly otherwise: Expr }
  | { readonly kind: "member"; readonly object: Expr; readonly property: string }
  | { readonly kind: "element"; readonly object: Expr; readonly index: Expr }
  | { readonly kind: "array"; readonly items: readonly Expr[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly values: readonly Expr[] }
  | { readonly kind: "null" }
  | { readonly kind: "as"; readonly expr: Expr; readonly type: "number" | "Tensor" }
  | { readonly kind: "vmap"; readonly fn: FunctionNode; readonly options: AxisOptions; readonly args: readonly Expr[] }
  /** `(a: number) => a * 2`: an arrow with an expression body. */
  | { readonly kind: "arrow"; readonly params: readonly { readonly name: string; readonly type: ParamType }[]; readonly body: Expr };

/** An expression with what the generator knows about its value. */
export interface Typed {
  readonly expr: Expr;
  readonly type: ValueType;
  /** True when the value depends on a mapped argument of some vmap level. */
  readonly batched: boolean;
}

export type Stmt =
  | { readonly kind: "declare"; readonly keyword: "const" | "let"; readonly name: string; readonly init: Expr }
  /** `let name: number;`, assigned on every path before it is read. */
  | { readonly kind: "declareUnset"; readonly name: string }
  | { readonly kind: "destructure"; readonly pattern: "array" | "object"; readonly names: readonly string[]; readonly from: Expr }
  | { readonly kind: "assign"; readonly name: string; readonly op: "=" | "+=" | "-=" | "*="; readonly value: Expr }
  | { readonly kind: "increment"; readonly name: string }
  | { readonly kind: "if"; readonly test: Expr; readonly then: readonly Stmt[]; readonly otherwise: readonly Stmt[] }
  | { readonly kind: "for"; readonly counter: string; readonly bound: Expr; readonly body: readonly Stmt[] }
  | { readonly kind: "while"; readonly counter: string; readonly bound: Expr; readonly body: readonly Stmt[] }
  | { readonly kind: "forOf"; readonly name: string; readonly of: Expr; readonly body: readonly Stmt[] }
  | { readonly kind: "jump"; readonly jump: "break" | "continue" }
  | { readonly kind: "switch"; readonly subject: Expr; readonly cases: readonly { readonly value: number; readonly body: readonly Stmt[]; readonly breaks: boolean }[]; readonly otherwise: readonly Stmt[] }
  | { readonly kind: "return"; readonly value: Expr }
  /** `const name: number[] = [];`, filled by `push` and read by `np.stack`/`np.array`. */
  | { readonly kind: "declareList"; readonly name: string; readonly element: "number" | "Tensor" }
  | { readonly kind: "push"; readonly list: string; readonly value: Expr }
  /** `if (test) throw new RangeError("message");`: a check on shapes and unmapped values. */
  | { readonly kind: "throw"; readonly test: Expr; readonly error: "RangeError" | "TypeError"; readonly message: string };

/** How a parameter's TypeScript type is written. */
export type ParamType =
  | { readonly kind: "number" }
  | { readonly kind: "Tensor" }
  | { readonly kind: "tuple"; readonly items: readonly ParamType[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly items: readonly ParamType[] }
  | { readonly kind: "function"; readonly params: readonly ParamType[]; readonly result: ParamType };

export interface FunctionNode {
  readonly params: readonly { readonly name: string; readonly type: ParamType }[];
  readonly body: readonly Stmt[];
}

/** An axis spec as `vmap` takes it: a number, null, or a structure of specs. */
export type AxisSpec = number | null | readonly AxisSpec[] | { readonly [key: string]: AxisSpec };

export interface AxisOptions {
  readonly inAxes?: AxisSpec;
  readonly outAxes?: AxisSpec;
  readonly axisSize?: number;
}

/** The dtypes of generated Tensor inputs; int32 comes in a small range and one that overflows when squared and summed. */
/** "numbers": per-example JS numbers, integers in most examples and fractions in the others (weak typing splits them against int32). */
export type InputDtype = "float64" | "float32" | "int32" | "int32-wide" | "numbers";

/** How one argument of the outermost vmap is made from a seeded `Random`, at a batch size. */
export type InputNode =
  | { readonly kind: "scalar"; readonly integer: boolean }
  | { readonly kind: "tensor"; readonly shape: readonly (number | "batch")[]; readonly dtype: InputDtype }
  | { readonly kind: "tuple"; readonly items: readonly InputNode[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly items: readonly InputNode[] };

export type ModuleStatement =
  | { readonly kind: "constant"; readonly name: string; readonly init: Expr }
  | { readonly kind: "helper"; readonly name: string; readonly fn: FunctionNode };

/** One generated module: constants and helpers, the per-example function, its vmap options, and its inputs. */
export interface FuzzModule {
  readonly statements: readonly ModuleStatement[];
  readonly fn: FunctionNode;
  readonly options: AxisOptions;
  readonly inputs: readonly InputNode[];
  readonly batchSizes: readonly number[];
}
