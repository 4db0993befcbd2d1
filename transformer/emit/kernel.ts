import type * as ts from "typescript";
import { type Code, type Kernel, type ScalarExpression, type Statement, refsOf } from "../batch/code";
import { isScalarPrim, scalarForm } from "../fuse/scalar";
import { tokenOf } from "../tokens";
import { Names } from "./names";
import { binaryExpression } from "./operator";

/** What printing a kernel needs from the function it is printed in. */
export interface EmitContext {
  readonly ts: typeof ts;
  readonly factory: ts.NodeFactory;
  readonly runtime: () => ts.Expression;
  /** The function's names: the kernel's inputs and outputs are named there. */
  readonly names: Names;
  readonly outsideNames: readonly string[];
  readonly visitCode: (code: Code) => ts.Expression;
  readonly visitStatement: (statement: Statement) => ts.Statement;
}

/**
 * Transforms a fused group into a kernel, declared once per call site, and
 * `const [outs] = runtime.fuseExamples(inputs, ..., kernel, [constants])` where
 * the group was: a loop over examples, and inside it a loop over each example's
 * elements when the group works on tensors. Where the kernel declines, the ops
 * run one by one.
 */
export function emitKernel(kernel: Kernel, cx: EmitContext): { readonly declaration: ts.Statement; readonly statement: ts.Statement } {
  const { ts, factory, names, visitCode } = cx;
  const local = new Names([...cx.outsideNames, ...kernelOutsideNames(kernel, names)]);
  const kernelName = names.fresh(`${kernel.steps.find((step) => step.output)?.target.hint ?? "fused"}Kernel`);
  const identifier = (name: string) => factory.createIdentifier(name);
  const [count, size, example, index, outStart] = ["count", "size", "example", "index", "outStart"].map((name) => local.fresh(name));
  const inputs = kernel.inputs.map((input) => {
    const base = input.hint.replace(/Batch$/, "") || "value";
    return { ...input, data: local.fresh(`${base}Data`), start: local.fresh(`${base}Start`), step: local.fresh(`${base}Step`), value: local.fresh(base), at: local.fresh(`${base}At`) };
  });
  const stepNames = new Map(kernel.steps.map((step) => [step.target, local.fresh(step.target.hint)]));
  const outputs = kernel.steps.filter((step) => step.output).map((step) => ({ ...step, array: local.fresh(`${step.target.hint}Out`) }));
  const readsElements = (input: { readonly phase: string }) => input.phase !== "example";
  const hasElements = inputs.some(readsElements);
  // Values of this call that the kernel reads: passed in, so the kernel itself is made once.
  const constants = new Map<Code, string>();
  const collectConstants = (expression: ScalarExpression): void => {
    if ("outside" in expression && refsOf(expression.outside).size > 0 && !constants.has(expression.outside)) {
      constants.set(expression.outside, local.fresh("ref" in expression.outside ? expression.outside.ref.hint : "constant"));
    }
    if ("args" in expression) expression.args.forEach(collectConstants);
  };
  kernel.steps.forEach((step) => collectConstants(step.expression));

  const scalar = (expression: ScalarExpression): ts.Expression => {
    if ("input" in expression) return identifier(inputs[expression.input].value);
    if ("step" in expression) return identifier(stepNames.get(expression.step)!);
    if ("outside" in expression) return constants.has(expression.outside) ? identifier(constants.get(expression.outside)!) : visitCode(expression.outside);
    const args = expression.args.map(scalar);
    if (!isScalarPrim(expression.prim)) throw new Error(`kernel step \`${expression.prim}\` has no scalar form`);
    const form = scalarForm(expression.prim, expression.source);
    if ("where" in form) {
      // `np.where` takes numbers as conditions with numpy's truth, in which NaN is true; a `?:` condition is a boolean already.
      const test = expression.source.form === "np" ? factory.createCallExpression(factory.createPropertyAccessExpression(cx.runtime(), "truthy"), undefined, [args[0]]) : args[0];
      return factory.createConditionalExpression(test, undefined, args[1], undefined, args[2]);
    }
    if ("square" in form) return times(args[0], scalar(expression.args[0]));
    if ("math" in form) return factory.createCallExpression(factory.createPropertyAccessExpression(identifier(form.global ?? "Math"), form.math), undefined, args);
    if ("helper" in form) return factory.createCallExpression(factory.createPropertyAccessExpression(cx.runtime(), form.helper), undefined, args);
    const token = tokenOf(ts, form.operator);
    return form.prefix ? factory.createPrefixUnaryExpression(token as ts.PrefixUnaryOperator, args[0]) : binaryExpression(ts, factory, args[0], token as ts.BinaryOperator, args[1]);
  };
  const sum = (...terms: ts.Expression[]) => terms.reduce((left, right) => factory.createAdd(left, right));
  const times = (left: ts.Expression, right: ts.Expression) => factory.createMultiply(left, right);
  const read = (input: (typeof inputs)[number], offset: ts.Expression) => {
    const element = factory.createElementAccessExpression(identifier(input.data), offset);
    return input.kind === "boolean" ? factory.createStrictInequality(element, factory.createNumericLiteral(0)) : element;
  };
  const store = (array: string, offset: ts.Expression, value: ts.Expression) =>
    factory.createExpressionStatement(factory.createAssignment(factory.createElementAccessExpression(identifier(array), offset), value));
  const stepsIn = (phase: string) => kernel.steps.filter((step) => step.phase === phase && !step.reduction);
  const define = (step: Kernel["steps"][number]) => declaration(factory, stepNames.get(step.target)!, scalar(step.expression), ts.NodeFlags.Const);
  const perExample = identifier(example);
  const exampleOffset = (input: (typeof inputs)[number]) => sum(identifier(input.start), times(perExample, identifier(input.step)));

  const reductions = kernel.steps.filter((step) => step.reduction);
  const accumulate = (step: Kernel["steps"][number]) => {
    const name = identifier(stepNames.get(step.target)!);
    const value = scalar((step.expression as { args: readonly ScalarExpression[] }).args[0]);
    const combine = step.reduction!.combine;
    switch (combine) {
      case "*":
        return factory.createExpressionStatement(factory.createBinaryExpression(name, ts.SyntaxKind.AsteriskEqualsToken, value));
      case "max":
      case "min":
        return factory.createExpressionStatement(factory.createAssignment(name, factory.createCallExpression(factory.createPropertyAccessExpression(identifier("Math"), combine), undefined, [name, value])));
      case "+":
        return factory.createExpressionStatement(factory.createBinaryExpression(name, ts.SyntaxKind.PlusEqualsToken, value));
    }
  };
  const initial = (identity: number): ts.Expression =>
    Number.isFinite(identity) ? factory.createNumericLiteral(identity) : identity > 0 ? identifier("Infinity") : factory.createPrefixMinus(identifier("Infinity"));
  const elementLoop = hasElements
    ? [
        ...reductions.map((step) => declaration(factory, stepNames.get(step.target)!, initial(step.reduction!.identity), ts.NodeFlags.Let)),
        factory.createForStatement(
          factory.createVariableDeclarationList([factory.createVariableDeclaration(index, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
          factory.createLessThan(identifier(index), identifier(size)),
          factory.createPostfixIncrement(identifier(index)),
          factory.createBlock(
            [
              ...inputs.filter(readsElements).map((input) => declaration(factory, input.value, read(input, sum(identifier(input.at), identifier(index))), ts.NodeFlags.Const)),
              ...stepsIn("element").map(define),
              ...outputs.filter((step) => step.phase === "element").map((step) => store(step.array, sum(times(factory.createParenthesizedExpression(sum(identifier(outStart), perExample)), identifier(size)), identifier(index)), identifier(stepNames.get(step.target)!))),
              ...reductions.map(accumulate),
            ],
            true,
          ),
        ),
        ...reductions.filter((step) => step.reduction!.mean).map((step) => factory.createExpressionStatement(factory.createBinaryExpression(identifier(stepNames.get(step.target)!), ts.SyntaxKind.SlashEqualsToken, identifier(size)))),
      ]
    : [];
  const exampleLoop = factory.createForStatement(
    factory.createVariableDeclarationList([factory.createVariableDeclaration(example, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
    factory.createLessThan(perExample, identifier(count)),
    factory.createPostfixIncrement(perExample),
    factory.createBlock(
      [
        ...inputs.map((input) =>
          readsElements(input) ? declaration(factory, input.at, exampleOffset(input), ts.NodeFlags.Const) : declaration(factory, input.value, read(input, exampleOffset(input)), ts.NodeFlags.Const),
        ),
        ...stepsIn("example").map(define),
        ...elementLoop,
        ...stepsIn("reduced").map(define),
        ...outputs.filter((step) => step.phase !== "element").map((step) => store(step.array, sum(identifier(outStart), perExample), identifier(stepNames.get(step.target)!))),
      ],
      true,
    ),
  );
  const pattern = (names: readonly string[]) => factory.createArrayBindingPattern(names.map((name) => factory.createBindingElement(undefined, undefined, name)));
  const parameter = (name: string | ts.BindingName) => factory.createParameterDeclaration(undefined, undefined, name);
  const kernelFunction = factory.createArrowFunction(
    undefined,
    undefined,
    [
      parameter(count),
      parameter(size),
      parameter(pattern(inputs.map((input) => input.data))),
      parameter(pattern(inputs.map((input) => input.start))),
      parameter(pattern(inputs.map((input) => input.step))),
      parameter(pattern(outputs.map((step) => step.array))),
      parameter(outStart),
      ...(constants.size > 0 ? [parameter(pattern([...constants.values()]))] : []),
    ],
    undefined,
    undefined,
    factory.createBlock([exampleLoop], true),
  );
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
      outputs.map((step) => stringArray([step.phase === "element" ? "element" : "example", step.boolean ? "bool" : "float64"])),
    ),
    identifier(kernelName),
    ...(constants.size > 0 ? [factory.createArrayLiteralExpression([...constants.keys()].map(visitCode))] : []),
  ]);
  const outputNames = outputs.map((step) => names.of(step.target));
  if (hasElements) {
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
    declaration: declaration(factory, kernelName, kernelFunction, ts.NodeFlags.Const),
    statement: factory.createVariableStatement(
      undefined,
      factory.createVariableDeclarationList([factory.createVariableDeclaration(pattern(outputNames), undefined, undefined, fused)], ts.NodeFlags.Const),
    ),
  };
}

/** Names a kernel reads from outside: its unbatched operands. */
function kernelOutsideNames(kernel: Kernel, names: Names): string[] {
  const found: string[] = [];
  const visit = (expression: ScalarExpression): void => {
    if ("outside" in expression) refsOf(expression.outside).forEach((read) => found.push(names.of(read)));
    if ("args" in expression) expression.args.forEach(visit);
  };
  kernel.steps.forEach((step) => visit(step.expression));
  return found;
}

function declaration(factory: ts.NodeFactory, name: string, initializer: ts.Expression, flags: ts.NodeFlags): ts.Statement {
  return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(name, undefined, undefined, initializer)], flags));
}
