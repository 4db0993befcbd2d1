import type * as ts from "typescript";
import { type Code, type Kernel, type ScalarExpression, type Statement, readsOutside } from "../batch/code";
import { stepsTypedAsInt32 } from "./int32-typing";
import type { Var } from "../ir";
import { addsPairwise, declaration, helpersOf, kernelFunction, stepsTypedByData } from "./kernel-function";
import type { PairwiseNames } from "./pairwise-loop";
import { Names } from "./names";

/** What printing a kernel needs from the function it is printed in. */
export interface EmitContext {
  readonly ts: typeof ts;
  readonly factory: ts.NodeFactory;
  readonly runtime: () => ts.Expression;
  /** The function's names: the kernel's inputs and outputs are named there. */
  readonly names: Names;
  readonly visitCode: (code: Code) => ts.Expression;
  readonly visitStatement: (statement: Statement) => ts.Statement;
}

/**
 * Transforms a fused group into a kernel, declared once per call site, and
 * `const [outs] = runtime.fuseExamples(inputs, ..., kernel, [constants])` where
 * the group was. A kernel over tensors' elements comes as one function per
 * dtype, `{ float64, float32, int32?, int32Integers? }`, and the runtime runs the one of the
 * data's dtype (the int32 one where the JS numbers `int32Integers` names fit int32);
 * where none fits, the ops run one by one.
 */
export function emitKernel(kernel: Kernel, cx: EmitContext): { readonly declaration: ts.Statement; readonly statement: ts.Statement } {
  const { ts, factory, names, visitCode } = cx;
  // A kernel reads nothing but its parameters and JS's globals, so that its text alone runs it (in a worker thread too).
  const helpers = helpersOf(kernel);
  const local = new Names([...kernelGlobals, ...helpers]);
  const readsElements = (input: { readonly phase: string }) => input.phase !== "example";
  const hasElements = kernel.inputs.some(readsElements);
  const kernelName = names.fresh(`${kernel.steps.find((step) => step.output)?.target.hint ?? "fused"}${hasElements ? "Kernels" : "Kernel"}`);
  const identifier = (name: string) => factory.createIdentifier(name);
  const [count, size, example, index, outStart] = ["count", "size", "example", "index", "outStart"].map((name) => local.fresh(name));
  const [inputArrays, starts, steps, outputArrays, constantValues] = ["inputs", "starts", "steps", "outputs", "constants"].map((name) => local.fresh(name));
  const inputs = kernel.inputs.map((input) => {
    const base = input.hint.replace(/Batch$/, "") || "value";
    return { ...input, data: local.fresh(`${base}Data`), start: local.fresh(`${base}Start`), step: local.fresh(`${base}Step`), value: local.fresh(base), at: local.fresh(`${base}At`) };
  });
  const stepNames = new Map(kernel.steps.map((step) => [step.target, local.fresh(step.target.hint)]));
  const outputs = kernel.steps.filter((step) => step.output).map((step) => ({ ...step, array: local.fresh(`${step.target.hint}Out`) }));
  // Values of this call that the kernel reads, closed-over names included: passed in, so the kernel itself is made once.
  const constants = new Map<Code, string>();
  const collectConstants = (expression: ScalarExpression): void => {
    if ("outside" in expression && readsOutside(expression.outside, (source) => isJsGlobal(ts, source)) && !constants.has(expression.outside)) {
      constants.set(expression.outside, local.fresh(hintOf(ts, expression.outside)));
    }
    if ("args" in expression) expression.args.forEach(collectConstants);
  };
  kernel.steps.forEach((step) => collectConstants(step.expression));
  // An element computed from the data is stored in the data's dtype ("data"); what a kernel gives per example is a JS number.
  const typedByData = stepsTypedByData(kernel);
  const int32Typing = hasElements ? stepsTypedAsInt32(kernel) : undefined;
  const constantIndex = new Map([...constants.keys()].map((code, index) => [code, index]));
  // A closed-over number the kernel reads as written (`Math.PI`) is no constant the runtime could check.
  const int32 = int32Typing?.integerOutsides.every((code) => constantIndex.has(code)) ? int32Typing : undefined;
  const typedAsInt32 = int32?.typed;
  const arrays = { inputs: inputArrays, starts, steps, outputs: outputArrays, constants: constantValues };
  const pairwise = pairwiseNames(kernel, stepNames, local);
  const layout = { kernel, inputs, stepNames, outputs, constants, helpers, typedByData, pairwise, count, size, example, index, outStart, arrays };
  const functions = hasElements
    ? factory.createObjectLiteralExpression(
        [
          factory.createPropertyAssignment("float64", kernelFunction(layout, cx, "float64")),
          factory.createPropertyAssignment("float32", kernelFunction(layout, cx, "float32")),
          ...(int32 === undefined
            ? []
            : [
                factory.createPropertyAssignment("int32", kernelFunction(layout, cx, { int32: int32.typed })),
                ...integerChecks(factory, int32.integerInputs, int32.integerOutsides.map((code) => constantIndex.get(code)!)),
              ]),
        ],
        true,
      )
    : kernelFunction(layout, cx, "float64");
  const pattern = (names: readonly string[]) => factory.createArrayBindingPattern(names.map((name) => factory.createBindingElement(undefined, undefined, name)));

  const stringArray = (texts: readonly string[]) => factory.createArrayLiteralExpression(texts.map((text) => factory.createStringLiteral(text)));
  const levelAxes = (levels: readonly number[]) => kernel.levels.flatMap((level, position) => (levels.includes(level) ? [] : [position]));
  let fused: ts.Expression = factory.createCallExpression(factory.createPropertyAccessExpression(cx.runtime(), "fuseExamples"), undefined, [
    factory.createArrayLiteralExpression(
      kernel.inputs.map((input) => {
        const missing = levelAxes(input.levels);
        if (input.phase === "constant" || missing.length === 0) return visitCode(input.code);
        return visitCode({ np: "expandDims", args: [input.code, { array: missing.map((axis) => ({ value: axis })) }] });
      }),
    ),
    stringArray(kernel.inputs.map((input) => input.phase)),
    factory.createNumericLiteral(kernel.levels.length),
    factory.createArrayLiteralExpression(
      outputs.map((step) => {
        const dtype = step.boolean ? "bool" : typedByData.has(step.target) ? "data" : "float64";
        // What the int32 function stores: int32 where it computes int32, else float64 (numpy's int32 `sqrt`, `/`, ...).
        const int32Dtype = step.boolean ? "bool" : typedAsInt32?.has(step.target) ? "int32" : "float64";
        const differs = typedAsInt32 !== undefined && int32Dtype !== (dtype === "data" ? "int32" : dtype);
        return stringArray([step.phase === "element" ? "element" : "example", dtype, ...(differs ? [int32Dtype] : [])]);
      }),
    ),
    identifier(kernelName),
    ...(constants.size > 0 ? [factory.createArrayLiteralExpression([...constants.keys()].map(visitCode))] : []),
  ]);
  const outputNames = outputs.map((step) => names.of(step.target));
  // Where the kernel declines (tensors of another dtype; an outside value that is not a number), the ops run one by one.
  if (hasElements || constants.size > 0) {
    const fallback = factory.createArrowFunction(
      undefined,
      undefined,
      [],
      undefined,
      undefined,
      factory.createBlock([...kernel.fallback.map(cx.visitStatement), factory.createReturnStatement(factory.createArrayLiteralExpression(outputNames.map(identifier)))], true),
    );
    fused = factory.createBinaryExpression(fused, ts.SyntaxKind.QuestionQuestionToken, factory.createCallExpression(factory.createParenthesizedExpression(fallback), undefined, []));
  }
  return {
    declaration: declaration(factory, kernelName, functions, ts.NodeFlags.Const),
    statement: factory.createVariableStatement(
      undefined,
      factory.createVariableDeclarationList([factory.createVariableDeclaration(pattern(outputNames), undefined, undefined, fused)], ts.NodeFlags.Const),
    ),
  };
}

/** `int32Integers: { inputs, constants }`, the JS numbers the int32 function holds to be integers, where there are any. */
function integerChecks(factory: ts.NodeFactory, inputs: readonly number[], constants: readonly number[]): ts.PropertyAssignment[] {
  if (inputs.length === 0 && constants.length === 0) return [];
  const indices = (values: readonly number[]) => factory.createArrayLiteralExpression(values.map((value) => factory.createNumericLiteral(value)));
  const checks = factory.createObjectLiteralExpression([
    factory.createPropertyAssignment("inputs", indices(inputs)),
    factory.createPropertyAssignment("constants", indices(constants)),
  ]);
  return [factory.createPropertyAssignment("int32Integers", checks)];
}

/** What a kernel may name besides its own parameters and locals. */
const kernelGlobals = ["Math", "Number", "Infinity", "NaN", "Float64Array"];

/** `Infinity`, `NaN`, `Math`, `Math.PI`, `Number.MAX_VALUE`: what a kernel may read as written. */
function isJsGlobal(tsModule: typeof ts, source: ts.Expression): boolean {
  if (tsModule.isIdentifier(source)) return kernelGlobals.includes(source.text) || source.text === "undefined";
  return tsModule.isPropertyAccessExpression(source) && tsModule.isIdentifier(source.expression) && kernelGlobals.includes(source.expression.text);
}

/** A readable name for a value a kernel is passed: the closed-over name, or the property read. */
function hintOf(tsModule: typeof ts, code: Code): string {
  if ("ref" in code) return code.ref.hint;
  if ("source" in code && tsModule.isIdentifier(code.source)) return code.source.text;
  if ("source" in code && tsModule.isPropertyAccessExpression(code.source)) return code.source.name.text;
  if ("property" in code) return code.property;
  return "constant";
}

/** The names of the walk that adds the kernel's float sums pairwise: its loop's, and each sum's lanes, leaf total and stack. */
function pairwiseNames(kernel: Kernel, stepNames: ReadonlyMap<Var, string>, local: Names): PairwiseNames {
  const sums = kernel.steps.filter(addsPairwise);
  if (sums.length === 0) return { plan: "", leaf: "", depth: "", blocksEnd: "", leafEnd: "", merge: "", sums: new Map() };
  const [plan, leaf, depth, blocksEnd, leafEnd, merge] = ["plan", "leaf", "depth", "blocksEnd", "leafEnd", "merge"].map((name) => local.fresh(name));
  const named = sums.map((step) => {
    const name = stepNames.get(step.target)!;
    return [step.target, { lanes: Array.from({ length: 8 }, (_, lane) => local.fresh(`${name}Lane${lane}`)), leafTotal: local.fresh(`${name}OfLeaf`), partials: local.fresh(`${name}Partials`) }] as const;
  });
  return { plan, leaf, depth, blocksEnd, leafEnd, merge, sums: new Map(named) };
}