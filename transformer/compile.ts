import type * as ts from "typescript";
import { batchProgram } from "./batch/batch";
import { fuseKernels } from "./fuse/kernels";
import { emitArityDispatch, emitProgram } from "./emit/emit";
import type { TransformEnv } from "./env";
import type { Program, Var } from "./ir";
import { aritiesOf, parameterOf, vmappedCallable } from "./lower/callable";
import { LowerContext } from "./lower/context";
import { isSpecList, isUnmapped, specOf } from "./lower/options";
import { readStructure } from "./lower/structure";
import { dropUnreadJoins } from "./lower/unread-joins";
import { applyVmap, toResultTree } from "./lower/vmap";
import { verifyBatched, verifyFused, verifyLowered } from "./verify";

/**
 * Compiles one `vmap(fn, options)` call site into a batched function
 * expression: lower `fn` to the IR (dropping the joins nothing reads), batch it, fuse scalar chains, emit it,
 * with the verifier between the stages. Throws `TsvmapError` for anything it
 * cannot prove equivalent to `vmap.reference`.
 */
export function compileVmapCall(call: ts.CallExpression, env: TransformEnv): ts.Expression {
  const arities = aritiesOfSite(env, call);
  const variants = arities.map((arity) => emitProgram(env, compileArity(env, call, arity), call));
  return variants.length === 1 ? variants[0] : emitArityDispatch(env, arities, variants, call);
}

function compileArity(env: TransformEnv, call: ts.CallExpression, arity: number) {
  const lowered = dropUnreadJoins(lowerSite(env, call, arity));
  verifyLowered(lowered, call);
  const batched = batchProgram(lowered, env.ts.SyntaxKind);
  verifyBatched(batched, call);
  const fused = fuseKernels(batched);
  verifyFused(batched, fused, call);
  return fused;
}

/** The argument counts the batched function is compiled for: one variant each. */
function aritiesOfSite(env: TransformEnv, call: ts.CallExpression): number[] {
  const cx = new LowerContext(env, call);
  return aritiesOf(cx, vmappedCallable(cx, call));
}

/** Lowers a call site: the batched function's parameters, applied to `vmap(target, options)`. */
export function lowerSite(env: TransformEnv, call: ts.CallExpression, arity: number): Program {
  const cx = new LowerContext(env, call);
  const site = vmappedCallable(cx, call);
  const { options, target } = site;
  const params: Var[] = [];
  let structured = false;
  const args = Array.from({ length: arity }, (_, index) => {
    const { name, kinds, declaration } = parameterOf(cx, target, index);
    const spec = specOf(options, index);
    const raw = cx.newVar(name, isUnmapped(spec) ? (typeof kinds === "string" ? kinds : "opaque") : typeof kinds === "string" ? "tensor" : "opaque", undefined);
    params.push(raw);
    structured ||= typeof kinds !== "string" && !isUnmapped(spec);
    return readStructure(cx, raw, kinds, spec, name, declaration ?? call);
  });
  const result = applyVmap(cx, site, args, call);
  const argumentCount = isSpecList(options.inAxes) ? options.inAxes.length : undefined;
  const checkedArguments = structured ? { inAxes: options.inAxes, names: params.map((param) => param.hint), axisSize: options.axisSize } : undefined;
  return { name: target.name, params, argumentCount, checkedArguments, levels: cx.levels, equations: cx.equations, result: toResultTree(result, call) };
}
