import ts from "typescript";
import * as tsvmap from "../../runtime/index";
import * as tsvmapRuntime from "../../runtime/batched/index";

/** What the example module exports; the playground calls `batched`. */
export type ExampleExports = Record<string, unknown>;

/** The compiled example imports the real package: the public API and the runtime the emitted code calls. */
export const compiledModules: Record<string, unknown> = { tsvmap, "tsvmap/runtime": tsvmapRuntime };

/**
 * The same source run with `vmap` meaning `vmap.reference`, the per-example
 * semantics, nested sites included: the baseline the compiled code must match.
 */
const referenceVmap = Object.assign(
  (fn: (...args: never[]) => unknown, options?: object) => tsvmap.vmap.reference(fn as never, options as never),
  { reference: tsvmap.vmap.reference },
);
export const referenceModules: Record<string, unknown> = { tsvmap: { ...tsvmap, vmap: referenceVmap }, "tsvmap/runtime": tsvmapRuntime };

/**
 * Runs a module's code (TypeScript or JavaScript, ES module syntax) as
 * CommonJS with `require` answering from `modules` and `console.log` sent to
 * `log`. The playground evaluates the user's code here; the runtime itself
 * never evaluates strings.
 */
export function evaluateModule(code: string, modules: Record<string, unknown>, log: (line: string) => void): ExampleExports {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const module = { exports: {} as ExampleExports };
  const require = (specifier: string): unknown => {
    if (specifier in modules) return modules[specifier];
    throw new Error(`the playground provides ${Object.keys(modules).join(" and ")}, not "${specifier}"`);
  };
  const console = { log: (...values: unknown[]) => log(values.map(String).join(" ")) };
  new Function("require", "module", "exports", "console", outputText)(require, module, module.exports, console);
  return module.exports;
}
