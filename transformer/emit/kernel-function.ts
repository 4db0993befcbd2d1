import type * as ts from "typescript";
import type { Code, Kernel, ScalarExpression } from "../batch/code";
import { isScalarPrim, scalarForm } from "../fuse/scalar";
import type { Var } from "../ir";
import { isBooleanResult, primInfo } from "../prims";
import { tokenOf } from "../tokens";
import type { EmitContext } from "./kernel";
import { int32Forms, reducesInt32 } from "./int32-typing";
import { binaryExpression } from "./operator";
import { type PairwiseNames, pairwiseLoop, pairwiseSetup } from "./pairwise-loop";

type Step = Kernel["steps"][number];

/** A kernel's inputs, steps and outputs, with the names its function gives them. */
export interface KernelLayout {
  readonly kernel: Kernel;
  readonly inputs: readonly (Kernel["inputs"][number] & { readonly data: string; readonly start: string; readonly step: string; readonly value: string; readonly at: string })[];
  readonly stepNames: ReadonlyMap<Var, string>;
  readonly outputs: readonly (Step & { readonly array: string })[];
  /** Values of the call site the kernel reads, passed in, by the name the kernel gives them. */
  readonly constants: ReadonlyMap<Code, string>;
  /** The scalar helpers of `tsvmap/runtime` the kernel calls, each its own parameter of the same name. */
  readonly helpers: readonly string[];
  /** The element steps that have the data's dtype (`stepsTypedByData`). */
  readonly typedByData: ReadonlySet<Var>;
  /** Names of the walk that adds float sums in numpy's pairwise order (`pairwiseLoop`). */
  readonly pairwise: PairwiseNames;
  readonly count: string;
  readonly size: string;
  readonly example: string;
  readonly index: string;
  readonly outStart: string;
  /** The parameters holding the inputs' arrays, starts and steps, the outputs and the constants. */
  readonly arrays: { readonly inputs: string; readonly starts: string; readonly steps: string; readonly outputs: string; readonly constants: string };
}

/**
 * The element steps that have the data's dtype: those computing from an
 * element of the data (an element or constant input) and from no float64
 * step. A `where` choosing between two JS numbers is a float64 number
 * whatever its condition, and so is whatever a step gives per example.
 */
export function stepsTypedByData(kernel: Kernel): ReadonlySet<Var> {
  const typed = new Map<Var, boolean>();
  const stepOf = new Map(kernel.steps.map((step) => [step.target, step]));
  const isDataElement = (leaf: ScalarExpression) =>
    ("input" in leaf && kernel.inputs[leaf.input].phase !== "example") || ("step" in leaf && typed.get(leaf.step) === true && !stepOf.get(leaf.step)!.boolean);
  const isFloat64Element = (leaf: ScalarExpression) => "step" in leaf && typed.get(leaf.step) === false && !stepOf.get(leaf.step)!.boolean;
  for (const step of kernel.steps) {
    if (step.phase !== "element" || !("prim" in step.expression)) continue;
    const values = step.expression.prim === "where" ? step.expression.args.slice(1) : step.expression.args;
    typed.set(step.target, values.some(isDataElement) && !values.some(isFloat64Element));
  }
  return new Set([...typed].filter(([, isTyped]) => isTyped).map(([target]) => target));
}

/** The scalar helpers a kernel's steps call (numpy's `mod`, `pow`, truth, ...), which it is passed rather than reading the runtime. */
export function helpersOf(kernel: Kernel): string[] {
  const found = new Set<string>();
  const visit = (expression: ScalarExpression): void => {
    if (!("prim" in expression) || !isScalarPrim(expression.prim)) return;
    const form = scalarForm(expression.prim, expression.source);
    if ("helper" in form) found.add(form.helper);
    if ("where" in form && expression.source.form === "np") found.add("truthy");
    expression.args.forEach(visit);
  };
  kernel.steps.forEach((step) => visit(step.expression));
  if (kernel.steps.some(addsPairwise)) found.add("pairwisePlan");
  return [...found].sort();
}

/** A float sum (or mean) over an example's elements, added in numpy's pairwise order; an int32 kernel's int32 sums wrap, in any order alike. */
export function addsPairwise(step: Step): boolean {
  return step.reduction?.combine === "+";
}

/**
 * One kernel function: a loop over examples, and inside it a loop over each
 * example's elements when the group works on tensors. The float64 one computes
 * in JS numbers, as the per-example function does. The float32 one is its own
 * function (one array type per function keeps V8's element access
 * monomorphic) and rounds as float32 Tensors store: every step computed from
 * the elements, every JS number meeting them, and each reduction once.
 */
export function kernelFunction(layout: KernelLayout, cx: EmitContext, variant: KernelVariant): ts.ArrowFunction {
  const { ts, factory } = cx;
  const float32 = variant === "float32";
  const int32 = typeof variant === "object" ? variant.int32 : new Set<Var>();
  const { kernel, inputs, stepNames, outputs, constants, count, size, example, index, outStart } = layout;
  const identifier = (name: string) => factory.createIdentifier(name);
  const readsElements = (input: { readonly phase: string }) => input.phase !== "example";
  const hasElements = inputs.some(readsElements);
  const typed = float32 ? layout.typedByData : new Set<Var>();
  const stepOf = new Map(kernel.steps.map((step) => [step.target, step]));
  const rounded = (expression: ts.Expression) => factory.createCallExpression(factory.createPropertyAccessExpression(identifier("Math"), "fround"), undefined, [expression]);
  const isNumber = (leaf: ScalarExpression): boolean => {
    if ("input" in leaf) return inputs[leaf.input].phase === "example" && inputs[leaf.input].kind === "number";
    if ("step" in leaf) return !typed.has(leaf.step) && !stepOf.get(leaf.step)!.boolean;
    return "outside" in leaf && leaf.kind === "number";
  };
  const reducesElements = (step: Step) => {
    const [operand] = (step.expression as { args: readonly ScalarExpression[] }).args;
    // A sum of booleans is an int32 count, never rounded to float32.
    if ("input" in operand) return readsElements(inputs[operand.input]) && inputs[operand.input].kind !== "boolean";
    return "step" in operand && typed.has(operand.step) && !stepOf.get(operand.step)!.boolean;
  };

  const scalar = (expression: ScalarExpression, meetsElements = false): ts.Expression => {
    if ("input" in expression) return identifier(inputs[expression.input].value);
    if ("step" in expression) return identifier(stepNames.get(expression.step)!);
    if ("outside" in expression) return constants.has(expression.outside) ? identifier(constants.get(expression.outside)!) : cx.visitCode(expression.outside);
    // A JS number meeting float32 elements is weakly typed: rounded to float32 first, as the number alone would be.
    // A `where`'s condition meets no element: its truth is the number's own (1e-50 is true, its float32 0 would not be).
    const meets = (position: number) => meetsElements && !(expression.prim === "where" && position === 0);
    const args = expression.args.map((arg, position) => (meets(position) && isNumber(arg) ? rounded(scalar(arg)) : scalar(arg)));
    if (!isScalarPrim(expression.prim)) throw new Error(`kernel step \`${expression.prim}\` has no scalar form`);
    const kept = keptBoolean(expression, args);
    if (kept !== undefined) return kept;
    const form = scalarForm(expression.prim, expression.source);
    if ("where" in form) {
      // `np.where` takes numbers as conditions with numpy's truth, in which NaN is true; a `?:` condition is a boolean already.
      const test = expression.source.form === "np" ? factory.createCallExpression(identifier("truthy"), undefined, [args[0]]) : args[0];
      return factory.createConditionalExpression(test, undefined, args[1], undefined, args[2]);
    }
    if ("square" in form) return times(args[0], scalar(expression.args[0]));
    if ("math" in form) return factory.createCallExpression(factory.createPropertyAccessExpression(identifier(form.global ?? "Math"), form.math), undefined, args);
    if ("helper" in form) return factory.createCallExpression(identifier(form.helper), undefined, args);
    const token = tokenOf(ts, form.operator);
    return form.prefix ? factory.createPrefixUnaryExpression(token as ts.PrefixUnaryOperator, args[0]) : binaryExpression(ts, factory, args[0], token as ts.BinaryOperator, args[1]);
  };
  const isBooleanLeaf = (leaf: ScalarExpression): boolean => {
    if ("input" in leaf) return inputs[leaf.input].kind === "boolean";
    if ("step" in leaf) return stepOf.get(leaf.step)!.boolean;
    if ("outside" in leaf) return leaf.kind === "boolean";
    return isBooleanResult(leaf.prim, leaf.args.map(isBooleanLeaf), leaf.source);
  };
  // numpy keeps bool, and a kernel holds bools as JS booleans: of two, `add` and `maximum` are `||`, `mul` and `minimum`
  // `&&`; `abs`, `floor`, `ceil` and `trunc` give the boolean itself. (`Math.max(true, false)` is 1, which `===` tells from true.)
  const keptBoolean = (expression: Extract<ScalarExpression, { prim: unknown }>, args: ts.Expression[]): ts.Expression | undefined => {
    if (expression.prim === "where" || !isBooleanResult(expression.prim, expression.args.map(isBooleanLeaf), expression.source)) return undefined;
    if (primInfo(expression.prim).booleanResult !== "preserving") return undefined;
    if (args.length === 1) return args[0];
    const operator = expression.prim === "add" || expression.prim === "maximum" ? ts.SyntaxKind.BarBarToken : ts.SyntaxKind.AmpersandAmpersandToken;
    return args.reduce((left, right) => binaryExpression(ts, factory, left, operator, right));
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
  // `(a + b) | 0`: parenthesized for the reader, whom `|`'s low precedence would make pause.
  const wrapped = (value: ts.Expression) =>
    factory.createBitwiseOr(ts.isBinaryExpression(value) ? factory.createParenthesizedExpression(value) : value, factory.createNumericLiteral(0));
  const imul = (left: ts.Expression, right: ts.Expression) => factory.createCallExpression(factory.createPropertyAccessExpression(identifier("Math"), "imul"), undefined, [left, right]);
  // An int32 step wraps as numpy's int32 loop does: `| 0` after the float form, or `Math.imul` for products.
  const int32Step = (step: Step): ts.Expression => {
    const { prim, args } = step.expression as { prim: keyof typeof int32Forms; args: readonly ScalarExpression[] };
    const form = int32Forms[prim];
    if (form === "imul") return imul(scalar(args[0]), scalar(args[args.length - 1]));
    const value = scalar(step.expression);
    return form === "wrap" ? wrapped(value) : value;
  };
  const define = (step: Kernel["steps"][number]) => {
    if (int32.has(step.target)) return declaration(factory, stepNames.get(step.target)!, int32Step(step), ts.NodeFlags.Const);
    const value = scalar(step.expression, typed.has(step.target));
    return declaration(factory, stepNames.get(step.target)!, typed.has(step.target) && !step.boolean ? rounded(value) : value, ts.NodeFlags.Const);
  };
  const perExample = identifier(example);
  const exampleOffset = (input: (typeof inputs)[number]) => sum(identifier(input.start), times(perExample, identifier(input.step)));

  const reductions = kernel.steps.filter((step) => step.reduction);
  const accumulate = (step: Kernel["steps"][number]) => {
    const name = identifier(stepNames.get(step.target)!);
    const value = scalar((step.expression as { args: readonly ScalarExpression[] }).args[0]);
    const combine = step.reduction!.combine;
    // numpy's int32 sum and product wrap.
    if (typeof variant === "object" && reducesInt32(step, int32, kernel) && (combine === "+" || combine === "*")) {
      const combined = combine === "*" ? imul(name, value) : wrapped(factory.createAdd(name, value));
      return factory.createExpressionStatement(factory.createAssignment(name, combined));
    }
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
  // The element at `index + lane`: its inputs read, its steps computed, its outputs stored.
  const element = (lane: number) => {
    const offset = (base: ts.Expression) => (lane === 0 ? sum(base, identifier(index)) : sum(base, identifier(index), factory.createNumericLiteral(lane)));
    return [
      ...inputs.filter(readsElements).map((input) => declaration(factory, input.value, read(input, offset(identifier(input.at))), ts.NodeFlags.Const)),
      ...stepsIn("element").map(define),
      ...outputs.filter((step) => step.phase === "element").map((step) => store(step.array, offset(times(factory.createParenthesizedExpression(sum(identifier(outStart), perExample)), identifier(size))), identifier(stepNames.get(step.target)!))),
    ];
  };
  const pairwiseSums = reductions.filter((step) => addsPairwise(step) && !(typeof variant === "object" && reducesInt32(step, int32, kernel)));
  const inOrder = reductions.filter((step) => !pairwiseSums.includes(step));
  const pairwise: PairwiseNames = { ...layout.pairwise, sums: new Map([...layout.pairwise.sums].filter(([target]) => pairwiseSums.some((step) => step.target === target))) };
  const plainLoop = factory.createForStatement(
    factory.createVariableDeclarationList([factory.createVariableDeclaration(index, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
    factory.createLessThan(identifier(index), identifier(size)),
    factory.createPostfixIncrement(identifier(index)),
    factory.createBlock([...element(0), ...reductions.map(accumulate)], true),
  );
  const pairwiseWalk = () =>
    pairwiseLoop(ts, factory, pairwise, {
      index,
      element,
      addTo: (target, into) => factory.createExpressionStatement(factory.createBinaryExpression(identifier(into), ts.SyntaxKind.PlusEqualsToken, scalar((stepOf.get(target)!.expression as { args: readonly ScalarExpression[] }).args[0]))),
      accumulateOthers: () => inOrder.map(accumulate),
      nameOf: (target) => stepNames.get(target)!,
    });
  const elementLoop = (walk: readonly ts.Statement[]) => hasElements
    ? [
        ...reductions.map((step) => declaration(factory, stepNames.get(step.target)!, initial(step.reduction!.identity), ts.NodeFlags.Let)),
        ...walk,
        ...reductions.filter((step) => step.reduction!.mean).map((step) => factory.createExpressionStatement(factory.createBinaryExpression(identifier(stepNames.get(step.target)!), ts.SyntaxKind.SlashEqualsToken, identifier(size)))),
        // A reduction of float32 elements adds up in float64 and is stored once as float32.
        ...(float32 ? reductions.filter((step) => reducesElements(step)) : []).map((step) => {
          const name = identifier(stepNames.get(step.target)!);
          return factory.createExpressionStatement(factory.createAssignment(name, rounded(name)));
        }),
      ]
    : [];
  const exampleLoop = (walk: readonly ts.Statement[]) => factory.createForStatement(
    factory.createVariableDeclarationList([factory.createVariableDeclaration(example, undefined, undefined, factory.createNumericLiteral(0))], ts.NodeFlags.Let),
    factory.createLessThan(perExample, identifier(count)),
    factory.createPostfixIncrement(perExample),
    factory.createBlock(
      [
        ...inputs.map((input) =>
          readsElements(input) ? declaration(factory, input.at, exampleOffset(input), ts.NodeFlags.Const) : declaration(factory, input.value, read(input, exampleOffset(input)), ts.NodeFlags.Const),
        ),
        ...stepsIn("example").map(define),
        ...elementLoop(walk),
        ...stepsIn("reduced").map(define),
        ...outputs.filter((step) => step.phase !== "element").map((step) => store(step.array, sum(identifier(outStart), perExample), identifier(stepNames.get(step.target)!))),
      ],
      true,
    ),
  );

  // Each array is checked once to hold every element the loops will touch: an index past its end would read
  // `undefined` (NaN in arithmetic) without a word. V8 also compiles the loops after these checks tighter (1.2-1.4x at B = 10^3, 10^4).
  const lastExample = () => factory.createParenthesizedExpression(factory.createSubtract(identifier(count), factory.createNumericLiteral(1)));
  const examplesEnd = () => sum(identifier(outStart), identifier(count));
  const lengthCheck = (array: string, needed: ts.Expression) =>
    factory.createIfStatement(
      factory.createLessThan(factory.createPropertyAccessExpression(identifier(array), "length"), needed),
      factory.createThrowStatement(factory.createNewExpression(identifier("RangeError"), undefined, [factory.createStringLiteral(`kernel: ${array} is shorter than its examples`)])),
    );
  const lengthChecks = [
    ...inputs.map((input) => lengthCheck(input.data, sum(identifier(input.start), times(lastExample(), identifier(input.step)), input.phase === "example" ? factory.createNumericLiteral(1) : identifier(size)))),
    ...outputs.map((step) => lengthCheck(step.array, step.phase === "element" ? times(factory.createParenthesizedExpression(examplesEnd()), identifier(size)) : examplesEnd())),
  ];

  // numpy adds fewer than 8 elements one by one, which the plain loop does fastest; it is chosen once per call.
  const examples =
    pairwiseSums.length === 0
      ? [exampleLoop([plainLoop])]
      : [
          factory.createIfStatement(
            factory.createLessThan(identifier(size), factory.createNumericLiteral(8)),
            factory.createBlock([exampleLoop([plainLoop])], true),
            factory.createBlock([...pairwiseSetup(ts, factory, pairwise, size), exampleLoop(pairwiseWalk())], true),
          ),
        ];

  const parameter = (name: string | ts.BindingName) => factory.createParameterDeclaration(undefined, undefined, name);
  const { arrays } = layout;
  // Elements read from the arrays, not destructured: V8 optimizes the loops of a function with destructured parameters worse (1.2-1.5x).
  const unpack = (array: string, names: readonly string[]) =>
    names.length === 0
      ? []
      : [
          factory.createVariableStatement(
            undefined,
            factory.createVariableDeclarationList(
              names.map((name, position) => factory.createVariableDeclaration(name, undefined, undefined, factory.createElementAccessExpression(identifier(array), position))),
              ts.NodeFlags.Const,
            ),
          ),
        ];
  // An int32 function whose sums all wrap walks no pairwise plan.
  const helpers = layout.helpers.filter((name) => name !== "pairwisePlan" || pairwiseSums.length > 0);
  const takesConstants = constants.size > 0 || helpers.length > 0;
  return factory.createArrowFunction(
    undefined,
    undefined,
    [
      parameter(count),
      parameter(size),
      parameter(arrays.inputs),
      parameter(arrays.starts),
      parameter(arrays.steps),
      parameter(arrays.outputs),
      parameter(outStart),
      ...(takesConstants ? [parameter(arrays.constants)] : []),
      ...(helpers.length > 0 ? [parameter(factory.createObjectBindingPattern(helpers.map((name) => factory.createBindingElement(undefined, undefined, name))))] : []),
    ],
    undefined,
    undefined,
    factory.createBlock(
      [
        ...unpack(arrays.inputs, inputs.map((input) => input.data)),
        ...unpack(arrays.starts, inputs.map((input) => input.start)),
        ...unpack(arrays.steps, inputs.map((input) => input.step)),
        ...unpack(arrays.outputs, outputs.map((step) => step.array)),
        ...unpack(arrays.constants, [...constants.values()]),
        ...lengthChecks,
        ...examples,
      ],
      true,
    ),
  );
}

/** Which function of a kernel to print: the float64 one, the float32 one, or the int32 one with the steps it computes as int32. */
export type KernelVariant = "float64" | "float32" | { readonly int32: ReadonlySet<Var> };

export function declaration(factory: ts.NodeFactory, name: string, initializer: ts.Expression, flags: ts.NodeFlags): ts.Statement {
  return factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(name, undefined, undefined, initializer)], flags));
}
