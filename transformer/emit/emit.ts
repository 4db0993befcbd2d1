import type * as ts from "typescript";
import { type BatchedProgram, type Code, type CodeTree, type Kernel, type ScalarExpression, type Statement, refsOf } from "../batch/code";
import { scalarForm } from "../batch/scalar";
import type { Var } from "../ir";
import type { TransformEnv } from "../env";
import { tokenOf } from "../tokens";
import { Names } from "./names";

/**
 * Prints a batched program as one function expression: a `const` per
 * primitive, effects in place, then the result. Every statement maps back to
 * the per-example code it came from.
 */
export function emitProgram(env: TransformEnv, program: BatchedProgram, site: ts.Node): ts.FunctionExpression {
  const ts = env.ts;
  const factory = env.factory;
  const siteFile = ts.getOriginalNode(site).getSourceFile();
  const names = new Names(program.outsideNames);

  function visitCode(code: Code): ts.Expression {
    if ("ref" in code) return factory.createIdentifier(names.of(code.ref));
    if ("value" in code) return literal(code.value);
    if ("array" in code) return factory.createArrayLiteralExpression(code.array.map(visitCode));
    // Transforms an `np` primitive into `runtime.np.<op>(...)`.
    if ("np" in code) return call(factory.createPropertyAccessExpression(factory.createPropertyAccessExpression(env.runtime(), "np"), code.np), code.args);
    // Transforms a batching helper into `runtime.<helper>(...)`.
    if ("helper" in code) return call(factory.createPropertyAccessExpression(env.runtime(), code.helper), code.args);
    if ("operator" in code) {
      const [left, right] = code.args.map(visitCode);
      return code.prefix
        ? factory.createPrefixUnaryExpression(code.operator as ts.PrefixUnaryOperator, left)
        : factory.createBinaryExpression(left, code.operator as ts.BinaryOperator, right);
    }
    if ("math" in code) return call(factory.createPropertyAccessExpression(factory.createIdentifier("Math"), code.math), code.args);
    if ("conditional" in code) {
      const [condition, whenTrue, whenFalse] = code.conditional.map(visitCode);
      return factory.createConditionalExpression(condition, undefined, whenTrue, undefined, whenFalse);
    }
    if ("property" in code) return factory.createPropertyAccessExpression(visitCode(code.of), code.property);
    if ("element" in code) return factory.createElementAccessExpression(visitCode(code.of), visitCode(code.element));
    if ("call" in code) return call(visitCode(code.call), code.args);
    if ("template" in code) return template(code);
    // Keeps a closed-over name as the user wrote it, so module imports still resolve.
    return code.source;
  }

  function call(callee: ts.Expression, args: readonly Code[]): ts.CallExpression {
    return factory.createCallExpression(callee, undefined, args.map(visitCode));
  }

  function literal(value: number | boolean | string | null | undefined): ts.Expression {
    if (typeof value === "number") {
      const magnitude = Number.isFinite(value) ? factory.createNumericLiteral(Math.abs(value)) : factory.createIdentifier("Infinity");
      return value < 0 || Object.is(value, -0) ? factory.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, magnitude) : Number.isNaN(value) ? factory.createIdentifier("NaN") : magnitude;
    }
    if (typeof value === "boolean") return value ? factory.createTrue() : factory.createFalse();
    if (typeof value === "string") return factory.createStringLiteral(value);
    return value === null ? factory.createNull() : factory.createIdentifier("undefined");
  }

  function template(code: Extract<Code, { template: string }>): ts.Expression {
    if (code.spans.length === 0) return factory.createNoSubstitutionTemplateLiteral(code.template);
    const spans = code.spans.map((span, index) =>
      factory.createTemplateSpan(
        visitCode(span.code),
        index === code.spans.length - 1 ? factory.createTemplateTail(span.text) : factory.createTemplateMiddle(span.text),
      ),
    );
    return factory.createTemplateExpression(factory.createTemplateHead(code.template), spans);
  }

  function visitStatement(statement: Statement): ts.Statement {
    return mapToSource(statementOf(statement), statement.node);
  }

  function declaration(name: string, initializer: ts.Expression | undefined, flags: ts.NodeFlags): ts.Statement {
    return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(name, undefined, undefined, initializer)], flags));
  }

  function block(statements: readonly Statement[]): ts.Block {
    return factory.createBlock(statements.map(visitStatement), true);
  }

  function statementOf(statement: Statement): ts.Statement {
    if ("define" in statement) return declaration(names.of(statement.define), visitCode(statement.code), ts.NodeFlags.Const);
    if ("effect" in statement) return factory.createExpressionStatement(visitCode(statement.effect));
    if ("declare" in statement) return declaration(names.of(statement.declare), statement.code && visitCode(statement.code), ts.NodeFlags.Let);
    if ("assign" in statement) {
      return factory.createExpressionStatement(factory.createAssignment(factory.createIdentifier(names.of(statement.assign)), visitCode(statement.code)));
    }
    // Transforms a branch on an unbatched condition into a JS `if`.
    if ("branch" in statement) {
      const otherwise = statement.else.length > 0 ? block(statement.else) : undefined;
      return factory.createIfStatement(visitCode(statement.branch), block(statement.then), otherwise);
    }
    if ("kernel" in statement) return kernelStatement(statement.kernel);
    // Transforms a loop into `for (;;) { ... }`, left when its test fails.
    if ("loop" in statement) return factory.createForStatement(undefined, undefined, undefined, block(statement.loop));
    return factory.createIfStatement(factory.createLogicalNot(visitCode(statement.breakUnless)), factory.createBreakStatement());
  }

  /**
   * Transforms a fused group into `const [outs] = runtime.fuseExamples(inputs, ..., kernel)`:
   * a loop over examples, and inside it a loop over each example's elements when
   * the group works on tensors. Where the kernel declines, the ops run one by one.
   */
  function kernelStatement(kernel: Kernel): ts.Statement {
    const local = new Names([...program.outsideNames, ...kernelOutsideNames(kernel)]);
    const identifier = (name: string) => factory.createIdentifier(name);
    const baseName = (v: Var) => v.hint.replace(/Batch$/, "") || "value";
    const [count, size, example, index, outStart] = ["count", "size", "example", "index", "outStart"].map((name) => local.fresh(name));
    const inputs = kernel.inputs.map((input) => {
      const base = baseName(input.source);
      return { ...input, data: local.fresh(`${base}Data`), start: local.fresh(`${base}Start`), step: local.fresh(`${base}Step`), value: local.fresh(base), at: local.fresh(`${base}At`) };
    });
    const stepNames = new Map(kernel.steps.map((step) => [step.target, local.fresh(step.target.hint)]));
    const outputs = kernel.steps.filter((step) => step.output).map((step) => ({ ...step, array: local.fresh(`${step.target.hint}Out`) }));
    const hasElements = inputs.some((input) => input.phase === "element");

    const scalar = (expression: ScalarExpression): ts.Expression => {
      if ("input" in expression) return identifier(inputs[expression.input].value);
      if ("step" in expression) return identifier(stepNames.get(expression.step)!);
      if ("outside" in expression) return visitCode(expression.outside);
      const args = expression.args.map(scalar);
      const form = scalarForm(expression.prim, expression.source);
      if ("where" in form) return factory.createConditionalExpression(args[0], undefined, args[1], undefined, args[2]);
      if ("square" in form) return times(args[0], scalar(expression.args[0]));
      if ("math" in form) return factory.createCallExpression(factory.createPropertyAccessExpression(identifier("Math"), form.math), undefined, args);
      if ("helper" in form) return factory.createCallExpression(factory.createPropertyAccessExpression(env.runtime(), form.helper), undefined, args);
      const token = tokenOf(ts, form.operator);
      return form.prefix ? factory.createPrefixUnaryExpression(token as ts.PrefixUnaryOperator, args[0]) : factory.createBinaryExpression(args[0], token as ts.BinaryOperator, args[1]);
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
    const define = (step: Kernel["steps"][number]) => declaration(stepNames.get(step.target)!, scalar(step.expression), ts.NodeFlags.Const);
    const perExample = identifier(example);
    const exampleOffset = (input: (typeof inputs)[number]) => sum(identifier(input.start), times(perExample, identifier(input.step)));

    const reductions = kernel.steps.filter((step) => step.reduction);
    const accumulate = (step: Kernel["steps"][number]) => {
      const name = identifier(stepNames.get(step.target)!);
      const value = scalar((step.expression as { args: readonly ScalarExpression[] }).args[0]);
      switch (step.reduction) {
        case "prod":
          return factory.createExpressionStatement(factory.createBinaryExpression(name, ts.SyntaxKind.AsteriskEqualsToken, value));
        case "max":
        case "min":
          return factory.createExpressionStatement(factory.createAssignment(name, factory.createCallExpression(factory.createPropertyAccessExpression(identifier("Math"), step.reduction), undefined, [name, value])));
        default:
          return factory.createExpressionStatement(factory.createBinaryExpression(name, ts.SyntaxKind.PlusEqualsToken, value));
      }
    };
    const initial: Record<string, ts.Expression> = { prod: factory.createNumericLiteral(1), max: factory.createPrefixMinus(identifier("Infinity")), min: identifier("Infinity") };
    const elementLoop = hasElements
      ? [
          ...reductions.map((step) => declaration(stepNames.get(step.target)!, initial[step.reduction!] ?? factory.createNumericLiteral(0), ts.NodeFlags.Let)),
          factory.createForStatement(
            factory.createVariableDeclarationList([factory.createVariableDeclaration(index, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
            factory.createLessThan(identifier(index), identifier(size)),
            factory.createPostfixIncrement(identifier(index)),
            factory.createBlock(
              [
                ...inputs.filter((input) => input.phase === "element").map((input) => declaration(input.value, read(input, sum(identifier(input.at), identifier(index))), ts.NodeFlags.Const)),
                ...stepsIn("element").map(define),
                ...outputs.filter((step) => step.phase === "element").map((step) => store(step.array, sum(times(factory.createParenthesizedExpression(sum(identifier(outStart), perExample)), identifier(size)), identifier(index)), identifier(stepNames.get(step.target)!))),
                ...reductions.map(accumulate),
              ],
              true,
            ),
          ),
          ...reductions.filter((step) => step.reduction === "mean").map((step) => factory.createExpressionStatement(factory.createBinaryExpression(identifier(stepNames.get(step.target)!), ts.SyntaxKind.SlashEqualsToken, identifier(size)))),
        ]
      : [];
    const exampleLoop = factory.createForStatement(
      factory.createVariableDeclarationList([factory.createVariableDeclaration(example, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
      factory.createLessThan(perExample, identifier(count)),
      factory.createPostfixIncrement(perExample),
      factory.createBlock(
        [
          ...inputs.map((input) =>
            input.phase === "element" ? declaration(input.at, exampleOffset(input), ts.NodeFlags.Const) : declaration(input.value, read(input, exampleOffset(input)), ts.NodeFlags.Const),
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
      ],
      undefined,
      undefined,
      factory.createBlock([exampleLoop], true),
    );
    const stringArray = (texts: readonly string[]) => factory.createArrayLiteralExpression(texts.map((text) => factory.createStringLiteral(text)));
    const levelAxes = (levels: readonly number[]) => kernel.levels.flatMap((level, position) => (levels.includes(level) ? [] : [position]));
    let fused: ts.Expression = factory.createCallExpression(factory.createPropertyAccessExpression(env.runtime(), "fuseExamples"), undefined, [
      factory.createArrayLiteralExpression(
        kernel.inputs.map((input) => {
          const missing = levelAxes(input.levels);
          return missing.length === 0 ? identifier(names.of(input.source)) : visitCode({ np: "expandDims", args: [{ ref: input.source }, { array: missing.map((axis) => ({ value: axis })) }] });
        }),
      ),
      stringArray(kernel.inputs.map((input) => input.phase)),
      factory.createNumericLiteral(kernel.levels.length),
      factory.createArrayLiteralExpression(
        outputs.map((step) => stringArray([step.phase === "element" ? "element" : "example", step.boolean ? "bool" : "float64"])),
      ),
      kernelFunction,
    ]);
    const outputNames = outputs.map((step) => names.of(step.target));
    if (hasElements) {
      const fallback = factory.createArrowFunction(
        undefined,
        undefined,
        [],
        undefined,
        undefined,
        factory.createBlock([...kernel.fallback.map(visitStatement), factory.createReturnStatement(factory.createArrayLiteralExpression(outputNames.map(identifier)))], true),
      );
      fused = factory.createBinaryExpression(fused, ts.SyntaxKind.QuestionQuestionToken, factory.createCallExpression(factory.createParenthesizedExpression(fallback), undefined, []));
    }
    return factory.createVariableStatement(
      undefined,
      factory.createVariableDeclarationList([factory.createVariableDeclaration(pattern(outputNames), undefined, undefined, fused)], ts.NodeFlags.Const),
    );
  }

  /** Names a kernel reads from outside: its unbatched operands. */
  function kernelOutsideNames(kernel: Kernel): string[] {
    const found: string[] = [];
    const visit = (expression: ScalarExpression): void => {
      if ("outside" in expression) refsOf(expression.outside).forEach((read) => found.push(names.of(read)));
      if ("args" in expression) expression.args.forEach(visit);
    };
    kernel.steps.forEach((step) => visit(step.expression));
    return found;
  }

  function visitTree(tree: CodeTree): ts.Expression {
    if ("leaf" in tree) return visitCode(tree.leaf);
    if ("array" in tree) return factory.createArrayLiteralExpression(tree.array.map(visitTree));
    return factory.createObjectLiteralExpression(
      tree.object.map(({ key, value }) => factory.createPropertyAssignment(/^[A-Za-z_$][\w$]*$/.test(key) ? key : factory.createStringLiteral(key), visitTree(value))),
      tree.object.length > 1,
    );
  }

  /** Source maps point each emitted statement at the per-example code it came from, in whichever file that is. */
  function mapToSource<T extends ts.Node>(emitted: T, node: ts.Node): T {
    const original = ts.getOriginalNode(node);
    const file = original.getSourceFile();
    ts.setEmitFlags(emitted, ts.EmitFlags.NoComments);
    if (file === siteFile) return ts.setTextRange(emitted, { pos: original.getStart(file), end: original.getEnd() });
    return ts.setSourceMapRange(emitted, { pos: original.getStart(file), end: original.getEnd(), source: ts.createSourceMapSource(file.fileName, file.text) });
  }

  const parameters = program.params.map((param) => factory.createParameterDeclaration(undefined, undefined, names.of(param)));
  const body = [
    ...program.statements.map(visitStatement),
    factory.createReturnStatement(visitTree(program.result)),
  ];
  const fn = factory.createFunctionExpression(undefined, undefined, `${program.name}Batched`, undefined, parameters, undefined, factory.createBlock(body, true));
  return mapToSource(fn, site);
}
