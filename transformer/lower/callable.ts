import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import type { PerExampleFunction } from "../env";
import { type PrimName, isPrimName } from "../prims";
import { type CompositeOp, isCompositeOp } from "./composite";
import { type Binding, type LowerContext, type Value, refuse } from "./context";
import { functionName, requireReadable } from "./function";
import { type AxisSpec, isSpecList, isUnmapped, readVmapOptions, specOf, type VmapOptions } from "./options";
import { type KindTree, kindTreeOf, memberSpec } from "./structure";

/**
 * What `vmap(...)` maps, or what a per-example call calls: a function of the
 * program, an `np` op, or a vmapped callable — so `vmap(vmap(f))` and
 * `vmap(matvec)` with `const matvec = vmap(dot)` are the same thing, to any depth.
 */
export type Callable =
  | { readonly name: string; readonly fn: PerExampleFunction; readonly closure?: ReadonlyMap<Binding, Value> }
  | { readonly name: string; readonly op: PrimName | CompositeOp; readonly expression: ts.Expression }
  | VmappedCallable;

export interface VmappedCallable {
  readonly name: string;
  readonly vmapCall: ts.CallExpression;
  readonly options: VmapOptions;
  readonly target: Callable;
}

/** One parameter of a callable as its caller sees it: a name for emitted code, and its kinds. */
export interface CallableParameter {
  readonly name: string;
  readonly kinds: KindTree;
  /** The declaration it comes from, for diagnostics. */
  readonly declaration: ts.ParameterDeclaration | undefined;
}

/** The callable `vmapCall` makes, with its target resolved (refused when it cannot be read). */
export function vmappedCallable(cx: LowerContext, vmapCall: ts.CallExpression): VmappedCallable {
  const argument = vmapCall.arguments[0];
  if (!argument) return refuse(DiagnosticCode.BadArguments, "vmap needs the per-example function as its first argument", vmapCall);
  const target = resolveCallable(cx, argument);
  if (!target && isVmapResult(cx, argument)) {
    return refuse(
      DiagnosticCode.UnresolvedFunction,
      `\`${argument.getText()}\` is a vmapped function, but not one the transformer can follow to its \`vmap(...)\` call (it is held by a \`let\`, a parameter, an object or a call's result). Bind \`vmap(...)\` to a \`const\` and vmap that name, or write \`vmap(vmap(f, ...), ...)\` inline`,
      argument,
    );
  }
  if (!target) {
    return refuse(
      DiagnosticCode.UnresolvedFunction,
      `\`${argument.getText()}\` is not a function the transformer can read. Pass an arrow function, a function declared in this program (by name or import), an \`np\` op, or a vmapped function`,
      argument,
    );
  }
  return { name: target.name, vmapCall, options: readVmapOptions(cx.ts, vmapCall), target };
}

/** True when `expr` is typed as what `vmap` returns, tsvmap's `Batched`. */
function isVmapResult(cx: LowerContext, expr: ts.Expression): boolean {
  return cx.checker.getTypeAtLocation(expr).aliasSymbol?.getName() === "Batched";
}

/** The callable `expr` denotes, or undefined when it is none the transformer can read. */
export function resolveCallable(cx: LowerContext, expr: ts.Expression): Callable | undefined {
  const op = cx.env.npOpName(expr);
  // Named for the batched function it becomes: `norm`, not `linalg.norm`.
  if (op) return { name: op.slice(op.lastIndexOf(".") + 1), op: npPrim(op, expr), expression: expr };
  const bound = cx.ts.isIdentifier(expr) ? boundValue(cx, expr) : undefined;
  const callee: BoundCallee | undefined = bound ?? cx.env.resolveCallee(expr);
  if (!callee) return undefined;
  if ("vmapCall" in callee) return vmappedCallable(cx, callee.vmapCall);
  requireReadable(cx, callee.fn);
  return { name: functionName(cx, callee.fn), fn: callee.fn, closure: callee.closure };
}

/** A local of the per-example function bound to a helper or a vmapped value. */
type BoundCallee = { readonly fn: PerExampleFunction; readonly closure?: ReadonlyMap<Binding, Value> } | { readonly vmapCall: ts.CallExpression };

function boundValue(cx: LowerContext, name: ts.Identifier): BoundCallee | undefined {
  const symbol = cx.checker.getSymbolAtLocation(name);
  const value = symbol && cx.scope.get(symbol);
  if (value && "helper" in value) return { fn: value.helper, closure: value.closure };
  if (value && "vmapCall" in value) return { vmapCall: value.vmapCall };
  return undefined;
}

/** The primitive an `np` op lowers to, or the composite op it is written in others as. */
export function npPrim(op: string, node: ts.Node): PrimName | CompositeOp {
  if (isPrimName(op) || isCompositeOp(op)) return op;
  return refuse(DiagnosticCode.OpaqueCall, `\`np.${op}\` is not compiled under vmap yet; write it with the other \`np\` ops`, node);
}

/**
 * Parameter `index` of `callable`. Through a vmap, a mapped leaf is a batch,
 * so a Tensor whatever it is per example; an unmapped one is what the target takes.
 */
export function parameterOf(cx: LowerContext, callable: Callable, index: number): CallableParameter {
  if ("fn" in callable) {
    const declaration = callable.fn.parameters[index];
    if (!declaration) return { name: `argument${index}`, kinds: "tensor", declaration };
    const name = cx.ts.isIdentifier(declaration.name) ? declaration.name.text : `argument${index}`;
    return { name, kinds: kindTreeOf(cx, declaration), declaration };
  }
  if ("op" in callable) return { name: `argument${index}`, kinds: "tensor", declaration: undefined };
  const inner = parameterOf(cx, callable.target, index);
  const spec = specOf(callable.options, index);
  return { ...inner, kinds: batchedKinds(inner.kinds, spec, inner.name, inner.declaration ?? callable.vmapCall) };
}

function batchedKinds(kinds: KindTree, spec: AxisSpec, path: string, node: ts.Node): KindTree {
  if (isUnmapped(spec)) return kinds;
  if (typeof kinds === "string") return "tensor";
  if ("array" in kinds) return { array: kinds.array.map((element, index) => batchedKinds(element, memberSpec(spec, index, path, node), `${path}[${index}]`, node)) };
  return { object: new Map([...kinds.object].map(([key, member]) => [key, batchedKinds(member, memberSpec(spec, key, path, node), `${path}.${key}`, node)])) };
}

/**
 * The argument counts `callable` can be called with. An `inAxes` list fixes
 * it; a function may be called without the parameters that have defaults; an
 * `np` op takes the fewest arguments any of its overloads takes.
 */
export function aritiesOf(cx: LowerContext, callable: Callable): number[] {
  if ("vmapCall" in callable) return isSpecList(callable.options.inAxes) ? [callable.options.inAxes.length] : aritiesOf(cx, callable.target);
  if ("op" in callable) return [npArity(cx, callable)];
  const parameters = callable.fn.parameters;
  const required = parameters.filter((parameter) => !parameter.initializer && !parameter.questionToken && !parameter.dotDotDotToken).length;
  return Array.from({ length: parameters.length - required + 1 }, (_, extra) => required + extra);
}

/** The arguments an `np` op needs, read from its declared signatures. */
function npArity(cx: LowerContext, callable: { readonly expression: ts.Expression }): number {
  const signatures = cx.checker.getTypeAtLocation(callable.expression).getCallSignatures();
  const required = signatures.map((signature) => signature.getParameters().filter((parameter) => {
    const declaration = parameter.valueDeclaration;
    return !(declaration && cx.ts.isParameter(declaration) && (declaration.initializer || declaration.questionToken || declaration.dotDotDotToken));
  }).length);
  return required.length === 0 ? 1 : Math.min(...required);
}
