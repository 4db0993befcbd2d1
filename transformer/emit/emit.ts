import type * as ts from "typescript";
import type { BatchedProgram, Code, CodeTree, Statement } from "../batch/code";
import { emitKernel } from "./kernel";
import type { TransformEnv } from "../env";
import { binaryExpression } from "./operator";
import { Names } from "./names";

/**
 * Prints a batched program as one function expression: a `const` per
 * primitive, effects in place, then the result. Every statement maps back to
 * the per-example code it came from.
 */
export function emitProgram(env: TransformEnv, program: BatchedProgram, site: ts.Node): ts.Expression {
  const ts = env.ts;
  const factory = env.factory;
  const siteFile = ts.getOriginalNode(site).getSourceFile();
  const functionName = `${program.name}Batched`;
  const names = new Names(program.outsideNames);
  /** Kernels, declared once around the batched function rather than on every call. */
  const kernels: ts.Statement[] = [];

  function visitCode(code: Code): ts.Expression {
    if ("ref" in code) return factory.createIdentifier(names.of(code.ref));
    if ("value" in code) return literal(code.value);
    if ("array" in code) return factory.createArrayLiteralExpression(code.array.map(visitCode));
    // Transforms an `np` primitive into `runtime.np.<op>(...)`, or `runtime.np.linalg.<op>(...)` for one of np's namespaces.
    if ("np" in code) {
      const callee = code.np.split(".").reduce<ts.Expression>((owner, name) => factory.createPropertyAccessExpression(owner, name), factory.createPropertyAccessExpression(env.runtime(), "np"));
      return call(callee, code.args);
    }
    // Transforms a batching helper into `runtime.<helper>(...)`.
    if ("helper" in code) return call(factory.createPropertyAccessExpression(env.runtime(), code.helper), code.args);
    if ("operator" in code) {
      const [left, right] = code.args.map(visitCode);
      return code.prefix
        ? factory.createPrefixUnaryExpression(code.operator as ts.PrefixUnaryOperator, left)
        : binaryExpression(ts, factory, left, code.operator as ts.BinaryOperator, right);
    }
    if ("math" in code) return call(factory.createPropertyAccessExpression(factory.createIdentifier(code.global ?? "Math"), code.math), code.args);
    if ("conditional" in code) {
      const [condition, whenTrue, whenFalse] = code.conditional.map(visitCode);
      return factory.createConditionalExpression(condition, undefined, whenTrue, undefined, whenFalse);
    }
    if ("property" in code) return factory.createPropertyAccessExpression(visitCode(code.of), code.property);
    if ("element" in code) return factory.createElementAccessExpression(visitCode(code.of), visitCode(code.element));
    if ("call" in code) return call(visitCode(code.call), code.args);
    if ("construct" in code) return factory.createNewExpression(visitCode(code.construct), undefined, code.args.map(visitCode));
    if ("template" in code) return template(code);
    // Keeps a closed-over name as the user wrote it, so module imports still resolve.
    return code.source;
  }

  function call(callee: ts.Expression, args: readonly Code[]): ts.CallExpression {
    return factory.createCallExpression(callee, undefined, args.map(visitCode));
  }

  function literal(value: number | boolean | string | null | undefined): ts.Expression {
    if (typeof value === "number") {
      if (Number.isNaN(value)) return factory.createIdentifier("NaN");
      const magnitude = Number.isFinite(value) ? factory.createNumericLiteral(Math.abs(value)) : factory.createIdentifier("Infinity");
      return value < 0 || Object.is(value, -0) ? factory.createPrefixMinus(magnitude) : magnitude;
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
    // What follows a `throw` in its block never runs.
    const thrown = statements.findIndex((statement) => "throw" in statement);
    const reached = thrown === -1 ? statements : statements.slice(0, thrown + 1);
    return factory.createBlock(reached.map(visitStatement), true);
  }

  function statementOf(statement: Statement): ts.Statement {
    if ("define" in statement) return declaration(names.of(statement.define), visitCode(statement.code), ts.NodeFlags.Const);
    if ("effect" in statement) return factory.createExpressionStatement(visitCode(statement.effect));
    if ("throw" in statement) return factory.createThrowStatement(visitCode(statement.throw));
    if ("declare" in statement) return declaration(names.of(statement.declare), statement.code && visitCode(statement.code), ts.NodeFlags.Let);
    if ("assign" in statement) {
      return factory.createExpressionStatement(factory.createAssignment(factory.createIdentifier(names.of(statement.assign)), visitCode(statement.code)));
    }
    // Transforms a branch on an unbatched condition into a JS `if`.
    if ("branch" in statement) {
      const otherwise = statement.else.length > 0 ? block(statement.else) : undefined;
      return factory.createIfStatement(visitCode(statement.branch), block(statement.then), otherwise);
    }
    if ("kernel" in statement) {
      const kernel = emitKernel(statement.kernel, { ts, factory, runtime: env.runtime, names, visitCode, visitStatement });
      kernels.push(kernel.declaration);
      return kernel.statement;
    }
    // Transforms a loop into `for (;;) { ... }`, left when its test fails.
    if ("loop" in statement) return factory.createForStatement(undefined, undefined, undefined, block(statement.loop));
    if ("breakUnless" in statement) return factory.createIfStatement(factory.createLogicalNot(visitCode(statement.breakUnless)), factory.createBreakStatement());
    // Transforms an empty batch into a call of this function on one zero-filled example, its mapped results emptied.
    const zeroExample = visitCode({
      helper: "viaZeroExample",
      args: [{ source: factory.createIdentifier(functionName) }, { source: factory.createIdentifier("arguments") }, { source: specLiteral(statement.inAxes) }, { source: specLiteral(statement.outAxes) }],
    });
    return factory.createIfStatement(factory.createStrictEquality(visitCode({ ref: statement.emptyBatch }), factory.createNumericLiteral(0)), factory.createReturnStatement(zeroExample));
  }

  function visitTree(tree: CodeTree): ts.Expression {
    if ("leaf" in tree) return visitCode(tree.leaf);
    if ("array" in tree) return factory.createArrayLiteralExpression(tree.array.map(visitTree));
    return factory.createObjectLiteralExpression(
      tree.object.map(({ key, value }) => factory.createPropertyAssignment(propertyName(key), visitTree(value))),
      tree.object.length > 1,
    );
  }

  function propertyName(key: string): string | ts.StringLiteral {
    return /^[A-Za-z_$][\w$]*$/.test(key) ? key : factory.createStringLiteral(key);
  }

  /** An axis spec as the literal the user wrote. */
  function specLiteral(spec: unknown): ts.Expression {
    if (Array.isArray(spec)) return factory.createArrayLiteralExpression(spec.map(specLiteral));
    if (spec !== null && typeof spec === "object") {
      return factory.createObjectLiteralExpression(Object.entries(spec).map(([key, member]) => factory.createPropertyAssignment(propertyName(key), specLiteral(member))));
    }
    return literal(spec as number | null);
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
  // Checks the caller passed one argument per `inAxes` spec, as the reference does.
  const countCheck =
    program.argumentCount === undefined
      ? []
      : [factory.createExpressionStatement(visitCode({ helper: "checkArgumentCount", args: [{ value: program.argumentCount }, { source: factory.createPropertyAccessExpression(factory.createIdentifier("arguments"), "length") }] }))];
  // Reads structured arguments through the reference's own checks, once: `[a, b] = checkArguments([a, b], ...)`.
  const checked = program.checkedArguments;
  const argumentCheck = checked
    ? [
        factory.createExpressionStatement(
          factory.createAssignment(
            factory.createArrayLiteralExpression(program.params.map((param) => factory.createIdentifier(names.of(param)))),
            visitCode({
              helper: "checkArguments",
              args: [
                { array: program.params.map((param) => ({ ref: param })) },
                { source: specLiteral(checked.inAxes) },
                { array: checked.names.map((name) => ({ value: name })) },
                ...(checked.axisSize === undefined ? [] : [{ value: checked.axisSize }]),
              ],
            }),
          ),
        ),
      ]
    : [];
  const body = [
    ...countCheck,
    ...argumentCheck,
    ...program.statements.map(visitStatement),
    factory.createReturnStatement(visitTree(program.result)),
  ];
  const batched = mapToSource(factory.createFunctionExpression(undefined, undefined, functionName, undefined, parameters, undefined, factory.createBlock(body, true)), site);
  // Transforms a site with `chunkSize` into `runtime.inChunks(function batched() {...}, size, inAxes, outAxes)`.
  const chunks = program.chunks;
  const chunked = chunks
    ? mapToSource(visitCode({ helper: "inChunks", args: [{ source: batched }, { value: chunks.size }, { source: specLiteral(chunks.inAxes) }, { source: specLiteral(chunks.outAxes) }] }), site)
    : batched;
  // Transforms a site with `threads` into `runtime.withThreads(batched, threads)`.
  const fn = program.threads === undefined ? chunked : mapToSource(visitCode({ helper: "withThreads", args: [{ source: chunked }, { value: program.threads }] }), site);
  if (kernels.length === 0) return fn;
  // Transforms a site with kernels into `(() => { const kernel = ...; return function batched() {...}; })()`.
  const scope = factory.createArrowFunction(undefined, undefined, [], undefined, undefined, factory.createBlock([...kernels, factory.createReturnStatement(fn)], true));
  return mapToSource(factory.createCallExpression(factory.createParenthesizedExpression(scope), undefined, []), site);
}

/**
 * Transforms a site compiled once per argument count (a per-example function
 * with default parameters) into one function that picks the variant by how
 * many arguments it is given.
 */
export function emitArityDispatch(env: TransformEnv, arities: readonly number[], variants: readonly ts.Expression[], site: ts.Node): ts.Expression {
  const factory = env.factory;
  const args = factory.createIdentifier("args");
  const names = variants.map((_, index) => factory.createIdentifier(`variant${arities[index]}`));
  const declarations = variants.map((variant, index) =>
    factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(names[index], undefined, undefined, variant)], env.ts.NodeFlags.Const)),
  );
  const count = factory.createPropertyAccessExpression(args, "length");
  const chosen = arities.slice(0, -1).reduceRight<ts.Expression>(
    (otherwise, arity, index) => factory.createConditionalExpression(factory.createLessThanEquals(count, factory.createNumericLiteral(arity)), undefined, names[index], undefined, otherwise),
    names[names.length - 1],
  );
  const dispatch = factory.createFunctionExpression(
    undefined,
    undefined,
    undefined,
    undefined,
    [factory.createParameterDeclaration(undefined, factory.createToken(env.ts.SyntaxKind.DotDotDotToken), args)],
    undefined,
    factory.createBlock([factory.createReturnStatement(factory.createCallExpression(factory.createParenthesizedExpression(chosen), undefined, [factory.createSpreadElement(args)]))], true),
  );
  const scope = factory.createArrowFunction(undefined, undefined, [], undefined, undefined, factory.createBlock([...declarations, factory.createReturnStatement(dispatch)], true));
  return env.ts.setTextRange(factory.createCallExpression(factory.createParenthesizedExpression(scope), undefined, []), env.ts.getOriginalNode(site));
}
