import type * as ts from "typescript";
import type { Var } from "../ir";

/** The names a kernel's pairwise walk declares, given out by the kernel's name table. */
export interface PairwiseNames {
  readonly plan: string;
  readonly leaf: string;
  readonly depth: string;
  readonly blocksEnd: string;
  readonly leafEnd: string;
  readonly merge: string;
  /** Per sum: its 8 lanes, the total of one leaf, and the stack of partial sums. */
  readonly sums: ReadonlyMap<Var, { readonly lanes: readonly string[]; readonly leafTotal: string; readonly partials: string }>;
}

/** What the walk needs of the kernel: the statements computing one element, and how each sum and the other reductions take it. */
export interface ElementWalk {
  readonly index: string;
  /** The statements of the element at `index + lane` (lane 0: at `index`). */
  readonly element: (lane: number) => ts.Statement[];
  /** `target += value` for a sum, into `target` (a lane, or a leaf's total). */
  readonly addTo: (sum: Var, target: string) => ts.Statement;
  /** The other reductions' steps (max, min, products, int32 sums), in element order. */
  readonly accumulateOthers: () => ts.Statement[];
  /** A sum's name in the kernel: it holds 0 before the walk and the total after it. */
  readonly nameOf: (sum: Var) => string;
}

/**
 * A kernel's loop over one example's elements where it has float sums, adding
 * them in numpy's pairwise order (runtime/pairwise-sum.ts) as the op does, so
 * that both agree to the last bit. `pairwisePlan(size)` gives the leaves: in
 * each, 8 elements at a time into 8 lanes, which the CPU overlaps, then the
 * lanes added as a tree and the rest one by one; each leaf's total goes on a
 * stack, on which finished halves are added. Every element is computed once,
 * in order, so the other reductions and the element outputs are as in a
 * plain loop.
 */
export function pairwiseLoop(tsModule: typeof ts, factory: ts.NodeFactory, names: PairwiseNames, walk: ElementWalk): ts.Statement[] {
  const identifier = (name: string) => factory.createIdentifier(name);
  const number = (value: number) => factory.createNumericLiteral(value);
  const member = (object: string, name: string) => factory.createPropertyAccessExpression(identifier(object), name);
  const at = (array: ts.Expression, index: ts.Expression) => factory.createElementAccessExpression(array, index);
  const statement = (expression: ts.Expression) => factory.createExpressionStatement(expression);
  const letList = (declarations: readonly [string, ts.Expression][], flags = tsModule.NodeFlags.Let) =>
    factory.createVariableDeclarationList(declarations.map(([name, initializer]) => factory.createVariableDeclaration(name, undefined, undefined, initializer)), flags);
  const sums = [...names.sums];
  const lanes = (lane: number) => factory.createBlock([...walk.element(lane), ...sums.map(([sum, { lanes: named }]) => walk.addTo(sum, named[lane])), ...walk.accumulateOthers()], true);
  const add = (left: ts.Expression, right: ts.Expression) => factory.createAdd(left, right);
  const paren = (expression: ts.Expression) => factory.createParenthesizedExpression(expression);
  // ((0 + 1) + (2 + 3)) + ((4 + 5) + (6 + 7)), as numpy adds its lanes.
  const tree = (named: readonly string[]) => {
    const pair = (a: number, b: number) => paren(add(identifier(named[a]), identifier(named[b])));
    return add(add(pair(0, 1), pair(2, 3)), paren(add(pair(4, 5), pair(6, 7))));
  };
  const index = identifier(walk.index);
  const depth = identifier(names.depth);
  const leafBody = [
    factory.createVariableStatement(undefined, letList([[names.blocksEnd, at(member(names.plan, "blocksEnd"), identifier(names.leaf))], [names.leafEnd, at(member(names.plan, "ends"), identifier(names.leaf))]], tsModule.NodeFlags.Const)),
    ...sums.map(([, { lanes: named }]) => factory.createVariableStatement(undefined, letList(named.map((name) => [name, number(0)])))),
    factory.createForStatement(undefined, factory.createLessThan(index, identifier(names.blocksEnd)), factory.createBinaryExpression(index, tsModule.SyntaxKind.PlusEqualsToken, number(8)), factory.createBlock(Array.from({ length: 8 }, (_, lane) => lanes(lane)), true)),
    ...sums.map(([, { lanes: named, leafTotal }]) => factory.createVariableStatement(undefined, letList([[leafTotal, tree(named)]]))),
    factory.createForStatement(
      undefined,
      factory.createLessThan(index, identifier(names.leafEnd)),
      factory.createPostfixIncrement(index),
      factory.createBlock([...walk.element(0), ...sums.map(([sum, { leafTotal }]) => walk.addTo(sum, leafTotal)), ...walk.accumulateOthers()], true),
    ),
    ...sums.map(([, { leafTotal, partials }]) => statement(factory.createAssignment(at(identifier(partials), depth), identifier(leafTotal)))),
    statement(factory.createPostfixIncrement(depth)),
    // A leaf that ends right halves completes their parents: each adds the top partial sum into the one below it.
    factory.createForStatement(
      letList([[names.merge, at(member(names.plan, "merges"), identifier(names.leaf))]]),
      factory.createGreaterThan(identifier(names.merge), number(0)),
      factory.createPostfixDecrement(identifier(names.merge)),
      factory.createBlock(
        [
          statement(factory.createPostfixDecrement(depth)),
          ...sums.map(([, { partials }]) => statement(factory.createBinaryExpression(at(identifier(partials), factory.createSubtract(depth, number(1))), tsModule.SyntaxKind.PlusEqualsToken, at(identifier(partials), depth)))),
        ],
        true,
      ),
    ),
  ];
  return [
    factory.createForStatement(
      letList([[names.leaf, number(0)], [walk.index, number(0)], [names.depth, number(0)]]),
      factory.createLessThan(identifier(names.leaf), member(names.plan, "leaves")),
      factory.createPostfixIncrement(identifier(names.leaf)),
      factory.createBlock(leafBody, true),
    ),
    // Into the sum, which holds 0: numpy's reduction starts from add's identity, so -0s sum to 0.
    ...sums.map(([sum, { partials }]) => statement(factory.createBinaryExpression(identifier(walk.nameOf(sum)), tsModule.SyntaxKind.PlusEqualsToken, at(identifier(partials), number(0))))),
  ];
}

/** `const plan = pairwisePlan(size)` and each sum's stack, once per call of the kernel. */
export function pairwiseSetup(tsModule: typeof ts, factory: ts.NodeFactory, names: PairwiseNames, size: string): ts.Statement[] {
  const identifier = (name: string) => factory.createIdentifier(name);
  const constant = (name: string, initializer: ts.Expression) =>
    factory.createVariableStatement(undefined, factory.createVariableDeclarationList([factory.createVariableDeclaration(name, undefined, undefined, initializer)], tsModule.NodeFlags.Const));
  return [
    constant(names.plan, factory.createCallExpression(identifier("pairwisePlan"), undefined, [identifier(size)])),
    ...[...names.sums.values()].map(({ partials }) => constant(partials, factory.createNewExpression(identifier("Float64Array"), undefined, [factory.createPropertyAccessExpression(identifier(names.plan), "depth")]))),
  ];
}
