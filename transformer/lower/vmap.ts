import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { type Level, type Operand, type ResultTree, isVar } from "../ir";
import { type Callable, type VmappedCallable, parameterOf } from "./callable";
import { type LowerContext, type Value, isOperand, refuse } from "./context";
import { applyNpOp } from "./composite";
import { kindOfOperand } from "./expression";
import { inlineFunction } from "./function";
import { type AxisSpec, isSpecList, isUnmapped, specOf } from "./options";
import { type KindTree, memberSpec } from "./structure";

/** Applies `callable` to per-example `args`: inlines a function, emits an op, or maps a vmapped callable. */
export function applyCallable(cx: LowerContext, callable: Callable, args: readonly Value[], site: ts.Node): Value {
  if ("fn" in callable) return inlineFunction(cx, callable.fn, args, site, callable.closure);
  if ("op" in callable) return applyNpOp(cx, callable.op, args.map((value) => asOperand(value, site)), site);
  return applyVmap(cx, callable, args, site);
}

/**
 * Lowers `vmap(target, options)(...args)`: maps each argument along its in
 * axis (a new level), applies the target on the per-example values, and stacks
 * each result along the out axis. A target that is itself vmapped opens the
 * next level inside this one, so every level ends up in one program.
 */
export function applyVmap(cx: LowerContext, callable: VmappedCallable, args: readonly Value[], site: ts.Node): Value {
  const { options, vmapCall, target } = callable;
  if (isSpecList(options.inAxes) && options.inAxes.length !== args.length) {
    refuse(DiagnosticCode.BadArguments, `inAxes has ${options.inAxes.length} specs but \`${target.name}\` is called with ${args.length} arguments`, vmapCall.arguments[1] ?? vmapCall);
  }
  const mapsSomething = args.some((_, index) => !isUnmapped(specOf(options, index)));
  if (!mapsSomething && options.axisSize === undefined) {
    refuse(DiagnosticCode.BadArguments, `vmap of \`${target.name}\` maps no argument, so the batch size is unknown: give \`axisSize\` or map an argument`, vmapCall);
  }
  const level = cx.newLevel(target.name, options, vmapCall);
  const entered = args.map((argument, index) => {
    const parameter = parameterOf(cx, target, index);
    return enterValue(cx, level, specOf(options, index), argument, parameter.kinds, parameter.name, parameter.declaration ?? site);
  });
  return exitValue(cx, level, options.outAxes, applyCallable(cx, target, entered, site), site, "result");
}

/** Maps each leaf of an argument along its in axis: the leaf's axis becomes the level's. */
function enterValue(cx: LowerContext, level: Level, spec: AxisSpec, argument: Value, kinds: KindTree, name: string, node: ts.Node): Value {
  if (isUnmapped(spec)) return argument;
  if ("array" in argument) {
    const elementKinds = typeof kinds === "object" && "array" in kinds ? kinds.array : [];
    return { array: argument.array.map((element, index) => enterValue(cx, level, memberSpec(spec, index, name, node), element, elementKinds[index] ?? "tensor", `${name}[${index}]`, node)) };
  }
  if ("object" in argument) {
    const memberKinds = typeof kinds === "object" && "object" in kinds ? kinds.object : new Map<string, KindTree>();
    return { object: new Map([...argument.object].map(([key, member]) => [key, enterValue(cx, level, memberSpec(spec, key, name, node), member, memberKinds.get(key) ?? "tensor", `${name}.${key}`, node)])) };
  }
  if (!isOperand(argument)) return refuse(DiagnosticCode.AxesStructure, `argument \`${name}\` is a function, which has no axis to map; give it \`null\` in inAxes`, node);
  if (typeof spec !== "number") return refuse(DiagnosticCode.AxesStructure, `\`${name}\` is a single value, but its axis spec is a structure; give it one axis`, node);
  if (kindOfOperand(argument) !== "tensor") {
    return refuse(DiagnosticCode.AxesStructure, `\`${name}\` is a ${kindOfOperand(argument)}, which has no axis to map; give it \`null\` in inAxes`, node);
  }
  const rank = isVar(argument) && argument.rank !== undefined ? argument.rank - 1 : undefined;
  const out = cx.newVar(`${identifierOf(name)}Batch`, typeof kinds === "string" ? kinds : "tensor", rank);
  cx.emit({ op: "enter", level: level.level, axis: spec, value: argument, argument: name, out, node });
  return out;
}

/** Stacks every leaf of `value` along its out axis; `name` names the stacked leaf in the emitted code. */
function exitValue(cx: LowerContext, level: Level, spec: AxisSpec, value: Value, site: ts.Node, name: string): Value {
  if ("array" in value) return { array: value.array.map((element, index) => exitValue(cx, level, memberSpec(spec, index, "outAxes", site), element, site, `${name}${index}`)) };
  if ("object" in value) {
    return { object: new Map([...value.object].map(([key, member]) => [key, exitValue(cx, level, memberSpec(spec, key, "outAxes", site), member, site, key)])) };
  }
  const operand = asOperand(value, site);
  if (kindOfOperand(operand) === "opaque") {
    refuse(DiagnosticCode.UnsupportedSyntax, "a per-example function must return numbers, booleans or Tensors (or arrays and objects of them), not other values", site);
  }
  if (spec !== null && typeof spec !== "number") return refuse(DiagnosticCode.AxesStructure, `the result \`${name}\` is a single value, but its outAxes spec is a structure`, site);
  const rank = kindOfOperand(operand) === "tensor" ? (isVar(operand) ? operand.rank : undefined) : 0;
  const out = cx.newVar(name, "tensor", rank === undefined ? undefined : rank + 1);
  cx.emit({ op: "exit", level: level.level, axis: spec, value: operand, out, node: site });
  return out;
}

function identifierOf(path: string): string {
  return path.replace(/\[(\d+)\]/g, "$1").replace(/\.(\w)/g, (_, first: string) => first.toUpperCase());
}

function asOperand(value: Value, site: ts.Node): Operand {
  if (isOperand(value)) return value;
  return refuse(DiagnosticCode.UnsupportedSyntax, "a per-example function must return numbers, booleans, Tensors, or arrays and objects of them", site);
}

/** The program's result structure, from the value the outermost vmap returns. */
export function toResultTree(value: Value, site: ts.Node): ResultTree {
  if ("array" in value) return { array: value.array.map((element) => toResultTree(element, site)) };
  if ("object" in value) return { object: [...value.object].map(([key, member]) => ({ key, value: toResultTree(member, site) })) };
  return { leaf: asOperand(value, site) };
}
