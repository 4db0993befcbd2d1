import type * as ts from "typescript";
import { batchProgram } from "./batch/batch";
import { fuseKernels } from "./fuse/kernels";
import { emitArityDispatch, emitProgram } from "./emit/emit";
import type { PerExampleFunction, TransformEnv } from "./env";
import type { Program, Var } from "./ir";
import { LowerContext } from "./lower/context";
import { isSpecList, isUnmapped, readVmapOptions, specOf } from "./lower/options";
import { type KindTree, kindTreeOf, readStructure } from "./lower/structure";
import { applyVmap, resolveTarget } from "./lower/vmap";
import { toResultTree } from "./lower/vmap";
import { verifyBatched, verifyFused, verifyLowered } from "./verify";

/**
 * Compiles one `vmap(fn, options)` call site into a batched function
 * expression: lower `fn` to the IR, batch it, fuse scalar chains, emit it,
 * with the verifier between the stages. Throws `TsvmapError` for anything it
 * cannot prove equivalent to `vmap.reference`.
 */
export function compileVmapCall(call: ts.CallExpression, env: TransformEnv): ts.Expression {
  const arities = aritiesOf(env, call);
  const variants = arities.map((arity) => emitProgram(env, compileArity(env, call, arity), call));
  return variants.length === 1 ? variants[0] : emitArityDispatch(env, arities, variants, call);
}

function compileArity(env: TransformEnv, call: ts.CallExpression, arity: number) {
  const lowered = lowerSite(env, call, arity);
  verifyLowered(lowered, call);
  const batched = batchProgram(lowered);
  verifyBatched(batched, call);
  const fused = fuseKernels(batched);
  verifyFused(batched, fused, call);
  return fused;
}

/**
 * The argument counts the batched function is compiled for. An `inAxes` list
 * fixes it; otherwise each count from the required parameters to all of
 * them, as a caller may leave out parameters that have defaults.
 */
function aritiesOf(env: TransformEnv, call: ts.CallExpression): number[] {
  const options = readVmapOptions(env.ts, call);
  if (isSpecList(options.inAxes)) return [options.inAxes.length];
  const target = call.arguments[0];
  const fn = target && !env.npOpName(target) ? env.resolveFunction(target) : undefined;
  if (!fn) return [target ? npArity(env, target) : 1];
  const required = fn.parameters.filter((parameter) => !parameter.initializer && !parameter.questionToken && !parameter.dotDotDotToken).length;
  return Array.from({ length: fn.parameters.length - required + 1 }, (_, extra) => required + extra);
}

/** The arguments an `np` op needs, read from its declared signatures: the fewest any overload takes. */
function npArity(env: TransformEnv, op: ts.Expression): number {
  const signatures = env.checker.getTypeAtLocation(op).getCallSignatures();
  const required = signatures.map((signature) => signature.getParameters().filter((parameter) => {
    const declaration = parameter.valueDeclaration;
    return !(declaration && env.ts.isParameter(declaration) && (declaration.initializer || declaration.questionToken || declaration.dotDotDotToken));
  }).length);
  return required.length === 0 ? 1 : Math.min(...required);
}

/** Lowers a call site: the batched function's parameters, applied to `vmap(fn, options)`. */
export function lowerSite(env: TransformEnv, call: ts.CallExpression, arity: number): Program {
  const cx = new LowerContext(env, call);
  const options = readVmapOptions(env.ts, call);
  const target = resolveTarget(cx, call);
  const params: Var[] = [];
  let structured = false;
  const args = Array.from({ length: arity }, (_, index) => {
    const parameter: PerExampleFunction["parameters"][number] | undefined = target.fn?.parameters[index];
    const hint = parameter && env.ts.isIdentifier(parameter.name) ? parameter.name.text : `argument${index}`;
    const spec = specOf(options, index);
    const kinds: KindTree = parameter ? kindTreeOf(cx, parameter) : "tensor";
    const raw = cx.newVar(hint, isUnmapped(spec) ? (typeof kinds === "string" ? kinds : "opaque") : typeof kinds === "string" ? "tensor" : "opaque", undefined);
    params.push(raw);
    structured ||= typeof kinds !== "string" && !isUnmapped(spec);
    return readStructure(cx, raw, kinds, spec, hint, parameter ?? call);
  });
  const result = applyVmap(cx, call, args, call);
  const argumentCount = isSpecList(options.inAxes) ? options.inAxes.length : undefined;
  const checkedArguments = structured ? { inAxes: options.inAxes, names: params.map((param) => param.hint), axisSize: options.axisSize } : undefined;
  return { name: target.name, params, argumentCount, checkedArguments, levels: cx.levels, equations: cx.equations, result: toResultTree(result, call) };
}
