import { type Expr, type Typed, type ValueType, booleanType, numberType, tensorType } from "./ast";
import { literal } from "./scope";
import { broadcast, sameShape, sizeOf } from "./shapes";

/*
 * Turning any generated value into the type an operation needs, with ops of
 * the language itself, so that every choice of operands gives a valid program.
 */

export function call(callee: string, args: readonly (Typed | Expr)[], type: ValueType): Typed {
  const typed = args.map((arg): Typed => ("batched" in arg ? arg : { expr: arg, type: numberType, batched: false }));
  return { expr: { kind: "call", callee, args: typed.map((arg) => arg.expr) }, type, batched: typed.some((arg) => arg.batched) };
}

export function binary(op: string, left: Typed, right: Typed, type: ValueType): Typed {
  return { expr: { kind: "binary", op, left: left.expr, right: right.expr }, type, batched: left.batched || right.batched };
}

export function conditional(test: Typed, then: Typed, otherwise: Typed): Typed {
  return {
    expr: { kind: "conditional", test: test.expr, then: then.expr, otherwise: otherwise.expr },
    type: then.type,
    batched: test.batched || then.batched || otherwise.batched,
  };
}

export function numbers(values: readonly number[]): Expr {
  return { kind: "array", items: values.map((value) => ({ kind: "number", value })) };
}

/** An array literal of values (the list argument of concatenate and stack). */
export function list(items: readonly Typed[]): Typed {
  return { expr: { kind: "array", items: items.map((item) => item.expr) }, type: numberType, batched: items.some((item) => item.batched) };
}

export function asNumberIfBoolean(typed: Typed): Typed {
  return typed.type.kind === "boolean" ? asNumber(typed) : typed;
}

export function shapeOf(typed: Typed): readonly number[] {
  return typed.type.kind === "tensor" ? typed.type.shape : [];
}

export function isTensor(typed: Typed): boolean {
  return typed.type.kind === "tensor";
}

export function rankOf(typed: Typed): number {
  return shapeOf(typed).length;
}

export function asNumber(typed: Typed): Typed {
  switch (typed.type.kind) {
    case "number":
      return typed;
    case "boolean":
      return conditional(typed, literal(1), literal(0));
    case "tensor":
      return call("np.sum", [typed], numberType);
  }
}

export function asBoolean(typed: Typed): Typed {
  if (typed.type.kind === "boolean") return typed;
  return binary(">", asNumber(typed), literal(0), booleanType);
}

/** A Tensor: a number becomes a vector by adding it to `np.arange(3)`. */
export function asTensor(typed: Typed): Typed {
  if (typed.type.kind === "tensor") return typed;
  return call("np.add", [call("np.arange", [literal(3)], tensorType([3])), asNumber(typed)], tensorType([3]));
}

/** A Tensor of exactly `shape`: reshaped when the size fits, else its sum spread over zeros. */
export function asShape(typed: Typed, shape: readonly number[]): Typed {
  const target = tensorType(shape);
  if (typed.type.kind === "tensor") {
    if (sameShape(typed.type.shape, shape)) return typed;
    if (sizeOf(typed.type.shape) === sizeOf(shape)) return call("np.reshape", [typed, numbers(shape)], target);
  }
  return call("np.add", [call("np.zeros", [numbers(shape)], target), asNumber(typed)], target);
}

/** `typed` if it broadcasts against `shape`, else its sum (a number broadcasts with anything). */
export function broadcastingWith(typed: Typed, shape: readonly number[]): Typed {
  if (typed.type.kind === "boolean") return asNumber(typed);
  if (typed.type.kind === "tensor" && broadcast(typed.type.shape, shape) === undefined) return asNumber(typed);
  return typed;
}

/** The type of an elementwise result over operands of these types. */
export function elementwiseType(operands: readonly Typed[], scalar: ValueType): ValueType {
  let shape: number[] | undefined;
  for (const operand of operands) {
    if (operand.type.kind !== "tensor") continue;
    shape = broadcast(shape ?? [], operand.type.shape);
  }
  return shape === undefined ? scalar : tensorType(shape);
}

/** The value as `type` (number, boolean or a Tensor of its exact shape). */
export function asType(typed: Typed, type: ValueType): Typed {
  switch (type.kind) {
    case "number":
      return asNumber(typed);
    case "boolean":
      return asBoolean(typed);
    case "tensor":
      return asShape(typed, type.shape);
  }
}
