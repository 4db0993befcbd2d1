import type * as ts from "typescript";
import { batchProgram } from "./batch/batch";
import { fuseKernels } from "./fuse/kernels";
import { emitProgram } from "./emit/emit";
import type { TransformEnv } from "./env";
import type { Program, Var } from "./ir";
import { LowerContext } from "./lower/context";
import { isSpecList, isUnmapped, readVmapOptions, specOf } from "./lower/options";
import { type KindTree, kindTreeOf, readStructure } from "./lower/structure";
import { applyVmap, resolveTarget, toResultTree } from "./lower/vmap";

/**
 * Compiles one `vmap(fn, options)` call site into a batched function
 * expression: lower `fn` to the IR, batch it, fuse scalar chains, emit it. Throws `TsvmapError`
 * for anything it cannot prove equivalent to `vmap.reference`.
 */
export function compileVmapCall(call: ts.CallExpression, env: TransformEnv): ts.Expression {
  return emitProgram(env, fuseKernels(batchProgram(lowerSite(env, call))), call);
}

/** Lowers a call site: the batched function's parameters, applied to `vmap(fn, options)`. */
export function lowerSite(env: TransformEnv, call: ts.CallExpression): Program {
  const cx = new LowerContext(env, call);
  const options = readVmapOptions(env.ts, call);
  const target = resolveTarget(cx, call);
  const arity = target.fn ? target.fn.parameters.length : isSpecList(options.inAxes) ? options.inAxes.length : 1;
  const params: Var[] = [];
  const args = Array.from({ length: arity }, (_, index) => {
    const parameter = target.fn?.parameters[index];
    const hint = parameter && env.ts.isIdentifier(parameter.name) ? parameter.name.text : `argument${index}`;
    const spec = specOf(options, index);
    const kinds: KindTree = parameter ? kindTreeOf(cx, parameter) : "tensor";
    const raw = cx.newVar(hint, isUnmapped(spec) ? (typeof kinds === "string" ? kinds : "opaque") : typeof kinds === "string" ? "tensor" : "opaque", undefined);
    params.push(raw);
    return readStructure(cx, raw, kinds, spec, hint, parameter ?? call);
  });
  const result = applyVmap(cx, call, args, call);
  return { name: target.name, params, levels: cx.levels, equations: cx.equations, result: toResultTree(result, call) };
}
