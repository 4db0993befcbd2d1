import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { PerExampleFunction } from "../env";
import { type Level, type Operand, type ResultTree, isVar } from "../ir";
import { type LowerContext, type Value, isOperand, refuse } from "./context";
import { emitPrim, kindOfOperand } from "./expression";
import { functionName, inlineFunction } from "./function";
import { type AxisSpec, readVmapOptions, specOf } from "./options";

/** What a `vmap(fn, options)` call maps: a function of the program, or an `np` op itself. */
interface Target {
  readonly name: string;
  readonly fn?: PerExampleFunction;
  readonly op?: string;
}

export function resolveTarget(cx: LowerContext, vmapCall: ts.CallExpression): Target {
  const argument = vmapCall.arguments[0];
  if (!argument) return refuse(DiagnosticCode.BadArguments, "vmap needs the per-example function as its first argument", vmapCall);
  const op = cx.env.npOpName(argument);
  if (op) return { name: op, op };
  const bound = cx.ts.isIdentifier(argument) ? cx.scope.get(cx.checker.getSymbolAtLocation(argument)!) : undefined;
  const fn = bound && "helper" in bound ? bound.helper : cx.env.resolveFunction(argument);
  if (!fn) {
    return refuse(
      DiagnosticCode.UnresolvedFunction,
      `\`${argument.getText()}\` is not a function the transformer can read. Pass an arrow function, a function declared in this program (by name or import), or an \`np\` op`,
      argument,
    );
  }
  return { name: functionName(cx, fn), fn };
}

/**
 * Lowers `vmap(fn, options)(...args)`: maps each argument along its in axis
 * (a new level), inlines `fn` on the per-example values, and stacks each
 * result along the out axis.
 */
export function applyVmap(cx: LowerContext, vmapCall: ts.CallExpression, args: readonly Value[], site: ts.Node): Value {
  const options = readVmapOptions(cx.ts, vmapCall);
  const target = resolveTarget(cx, vmapCall);
  if (Array.isArray(options.inAxes) && options.inAxes.length !== args.length) {
    refuse(DiagnosticCode.BadArguments, `inAxes has ${options.inAxes.length} specs but \`${target.name}\` is called with ${args.length} arguments`, vmapCall.arguments[1] ?? vmapCall);
  }
  const mapsSomething = args.some((_, index) => specOf(options, index) !== null);
  if (!mapsSomething && options.axisSize === undefined) {
    refuse(DiagnosticCode.BadArguments, `vmap of \`${target.name}\` maps no argument, so the batch size is unknown: give \`axisSize\` or map an argument`, vmapCall);
  }
  const level = cx.newLevel(target.name, options.axisSize, vmapCall);
  const entered = args.map((argument, index) => enter(cx, level, target, index, specOf(options, index), argument, site));
  const result = target.op
    ? emitPrim(cx, target.op, entered.map((value) => asOperand(value, site)), { form: "np" }, site, target.op)
    : inlineFunction(cx, target.fn!, entered, site);
  return exitValue(cx, level, options.outAxes, result, site, "result");
}

function enter(cx: LowerContext, level: Level, target: Target, index: number, spec: AxisSpec, argument: Value, site: ts.Node): Value {
  if (spec === null) return argument;
  const parameter = target.fn?.parameters[index];
  const name = parameter ? parameter.name.getText() : `argument ${index}`;
  if (!isOperand(argument)) {
    return refuse(DiagnosticCode.AxesStructure, `argument \`${name}\` of \`${target.name}\` is a structure; mapping structured arguments is not compiled yet. Pass its leaves as separate arguments`, site);
  }
  if (kindOfOperand(argument) !== "tensor") {
    return refuse(DiagnosticCode.AxesStructure, `argument \`${name}\` of \`${target.name}\` is a ${kindOfOperand(argument)}, which has no axis to map; give it \`null\` in inAxes`, site);
  }
  const kind = parameter ? cx.kindOf(parameter.name) : "tensor";
  const rank = isVar(argument) && argument.rank !== undefined ? argument.rank - 1 : undefined;
  const out = cx.newVar(`${parameter ? name : `argument${index}`}Batch`, kind, rank);
  cx.emit({ op: "enter", level: level.level, axis: spec, value: argument, argument: name, out, node: parameter ?? site });
  return out;
}

/** Stacks every leaf of `value` along the level's out axis; `name` names the stacked leaf in the emitted code. */
function exitValue(cx: LowerContext, level: Level, axis: AxisSpec, value: Value, site: ts.Node, name: string): Value {
  if ("array" in value) return { array: value.array.map((element, index) => exitValue(cx, level, axis, element, site, `${name}${index}`)) };
  if ("object" in value) return { object: new Map([...value.object].map(([key, member]) => [key, exitValue(cx, level, axis, member, site, key)])) };
  const operand = asOperand(value, site);
  if (kindOfOperand(operand) === "opaque") {
    refuse(DiagnosticCode.UnsupportedSyntax, "a per-example function must return numbers, booleans or Tensors (or arrays and objects of them), not other values", site);
  }
  const rank = kindOfOperand(operand) === "tensor" ? (isVar(operand) ? operand.rank : undefined) : 0;
  const out = cx.newVar(name, "tensor", rank === undefined ? undefined : rank + 1);
  cx.emit({ op: "exit", level: level.level, axis, value: operand, out, node: site });
  return out;
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
