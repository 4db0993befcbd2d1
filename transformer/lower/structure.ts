import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { Kind, Operand } from "../ir";
import { type LowerContext, type Value, refuse } from "./context";
import { type AxisSpec, isUnmapped } from "./options";

/** The per-example kinds of a structured value: numbers, booleans and Tensors in plain objects and tuples. */
export type KindTree = Kind | { readonly array: readonly KindTree[] } | { readonly object: ReadonlyMap<string, KindTree> };

/** The kind tree of a parameter, from its declared type. */
export function kindTreeOf(cx: LowerContext, node: ts.Node): KindTree {
  return kindTree(cx, cx.checker.getTypeAtLocation(node), node);
}

function kindTree(cx: LowerContext, type: ts.Type, node: ts.Node): KindTree {
  const kind = cx.kindOfType(type, node);
  if (kind !== "opaque") return kind;
  const checker = cx.checker;
  if (checker.isTupleType(type)) {
    return { array: checker.getTypeArguments(type as ts.TypeReference).map((element) => kindTree(cx, element, node)) };
  }
  if (type.flags & cx.ts.TypeFlags.Object && !checker.isArrayType(type) && type.getCallSignatures().length === 0) {
    return { object: new Map(type.getProperties().map((property) => [property.getName(), kindTree(cx, checker.getTypeOfSymbolAtLocation(property, node), node)])) };
  }
  return "opaque";
}

/** The spec for member `key` of a structure whose spec is `spec`: a leaf spec covers every member. */
export function memberSpec(spec: AxisSpec, key: string | number, what: string, node: ts.Node): AxisSpec {
  if (spec === null || typeof spec === "number") return spec;
  const member = (spec as Record<string | number, AxisSpec>)[key];
  if (member === undefined) {
    return refuse(DiagnosticCode.AxesStructure, `the axis spec of ${what} has no entry for \`${key}\`; give a spec for every member, or one spec for the whole`, node);
  }
  return member;
}

/**
 * A structured argument of the batched function, read leaf by leaf where any
 * of it is mapped: `params.w`, `pair[0]`. An unmapped part is read whole.
 */
export function readStructure(cx: LowerContext, raw: Operand, kinds: KindTree, spec: AxisSpec, path: string, node: ts.Node): Value {
  if (typeof kinds === "string" || isUnmapped(spec)) return raw;
  if ("array" in kinds) {
    if (Array.isArray(spec) && spec.length !== kinds.array.length) {
      refuse(DiagnosticCode.AxesStructure, `the axis spec of ${path} has ${spec.length} entries but ${path} has ${kinds.array.length}`, node);
    }
    return {
      array: kinds.array.map((element, index) => {
        const elementSpec = memberSpec(spec, index, path, node);
        const out = cx.newVar(`${path}${index}`, isUnmapped(elementSpec) ? leafKind(element) : typeof element === "string" ? "tensor" : "opaque", undefined);
        cx.emit({ op: "element", object: raw, index: { literal: index }, out, node });
        return readStructure(cx, out, element, elementSpec, `${path}[${index}]`, node);
      }),
    };
  }
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec)) {
    const unknown = Object.keys(spec).filter((key) => !kinds.object.has(key));
    if (unknown.length > 0) refuse(DiagnosticCode.AxesStructure, `the axis spec of ${path} names ${unknown.join(", ")}, which ${path} does not have`, node);
  }
  return {
    object: new Map(
      [...kinds.object].map(([key, member]) => {
        const memberAxes = memberSpec(spec, key, path, node);
        const out = cx.newVar(key, isUnmapped(memberAxes) ? leafKind(member) : typeof member === "string" ? "tensor" : "opaque", undefined);
        cx.emit({ op: "property", object: raw, name: key, out, node });
        return [key, readStructure(cx, out, member, memberAxes, `${path}.${key}`, node)];
      }),
    ),
  };
}

function leafKind(kinds: KindTree): Kind {
  return typeof kinds === "string" ? kinds : "opaque";
}
