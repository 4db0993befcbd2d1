// Renders runtime/generated/loops.ts from the table in loop-table.mjs: one
// function per op and variant, each a loop written out for that one op, so V8
// keeps monomorphic type feedback per op (a loop shared by many callbacks runs
// about 6× slower). Generating them at build time instead of with
// `new Function` at import time lets the runtime run where code generation
// from strings is forbidden (a CSP without 'unsafe-eval', edge runtimes,
// `node --disallow-code-generation-from-strings`).
import { argFolds, binary, folds, helpers, unary } from "./loop-table.mjs";

export const generateCommand = "npm run generate:loops";

const binaryParameters = "out: TypedArray, o: number, a: TypedArray, ia: number, sa: number, b: TypedArray, ib: number, sb: number, n: number";

/** Loops for the strides broadcasting produces: both operands contiguous, one of them a repeated single element, and the general strided walk. */
function binaryLoop(name, expression) {
  return `export function ${name}(${binaryParameters}): void {
  if (sa === 1 && sb === 1) {
    for (let i = 0; i < n; i++) { const x = a[ia + i], y = b[ib + i]; out[o + i] = ${expression}; }
  } else if (sa === 1 && sb === 0) {
    const y = b[ib];
    for (let i = 0; i < n; i++) { const x = a[ia + i]; out[o + i] = ${expression}; }
  } else if (sa === 0 && sb === 1) {
    const x = a[ia];
    for (let i = 0; i < n; i++) { const y = b[ib + i]; out[o + i] = ${expression}; }
  } else {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) { const x = a[ia], y = b[ib]; out[o + i] = ${expression}; }
  }
}`;
}

function unaryLoop(name, expression) {
  return `export function ${name}(out: TypedArray, input: TypedArray, n: number): void {
  for (let i = 0; i < n; i++) { const x = input[i]; out[i] = ${expression}; }
}`;
}

function scalarFunction(name, parameters, expression) {
  return `export function ${name}(${parameters.map((p) => `${p}: number`).join(", ")}): number {
  return ${expression};
}`;
}

function foldLoop(name, initial, expression) {
  return `export function ${name}(out: Float64Array, input: TypedArray, outer: number, length: number): void {
  for (let o = 0, base = 0; o < outer; o++, base += length) {
    let x = ${initial};
    for (let k = 0; k < length; k++) { const y = input[base + k]; x = ${expression}; }
    out[o] = x;
  }
}`;
}

/** Streams memory in order: for inner > 1 it keeps a row of best values in `best`. */
function argFoldLoop(name, better) {
  const wins = `(${better} || (y !== y && x === x))`;
  return `export function ${name}(out: Int32Array, input: TypedArray, outer: number, length: number, inner: number, best: Float64Array): void {
  if (inner === 1) {
    for (let o = 0, base = 0; o < outer; o++, base += length) {
      let x = input[base], at = 0;
      for (let k = 1; k < length; k++) { const y = input[base + k]; if ${wins} { x = y; at = k; } }
      out[o] = at;
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const base = o * length * inner, row = o * inner;
    for (let j = 0; j < inner; j++) { best[j] = input[base + j]; out[row + j] = 0; }
    for (let k = 1; k < length; k++) {
      const slice = base + k * inner;
      for (let j = 0; j < inner; j++) {
        const x = best[j], y = input[slice + j];
        if ${wins} { best[j] = y; out[row + j] = k; }
      }
    }
  }
}`;
}

/** `entries` as one object literal, checked against the hand-written `type` of runtime/kernels.ts. */
function record(name, type, entries) {
  return `export const ${name} = {\n${entries.map(([key, value]) => `  ${key}: ${value},`).join("\n")}\n} satisfies Record<string, ${type}>;`;
}

function elementwiseFamily(ops, parameters, loopOf) {
  const functions = [];
  const entries = [];
  for (const { name, expression, int32 } of ops) {
    functions.push(loopOf(`${name}Loop`, expression));
    if (int32 !== undefined) functions.push(loopOf(`${name}Int32Loop`, int32));
    functions.push(scalarFunction(`${name}Scalar`, parameters, expression));
    entries.push([name, `{ loop: ${name}Loop, int32Loop: ${name}${int32 === undefined ? "" : "Int32"}Loop, scalar: ${name}Scalar }`]);
  }
  return { functions, entries };
}

export function loopsSource() {
  const everyExpression = [...binary, ...unary, ...folds].flatMap((op) => [op.expression, op.int32 ?? ""]).concat(argFolds.map((op) => op.better));
  const used = helpers.filter((helper) => everyExpression.some((expression) => new RegExp(`\\b${helper}\\(`).test(expression)));
  const binaries = elementwiseFamily(binary, ["x", "y"], binaryLoop);
  const unaries = elementwiseFamily(unary, ["x"], unaryLoop);
  const foldFunctions = folds.flatMap(({ name, initial, expression, fold }) => [...(fold === undefined ? [foldLoop(`${name}Fold`, initial, expression)] : []), binaryLoop(`${name}Step`, expression)]);
  const handWrittenFolds = folds.filter(({ fold }) => fold !== undefined).map(({ fold }) => fold);
  const argFunctions = argFolds.map(({ name, better }) => argFoldLoop(`${name}Fold`, better));
  return [
    `// Generated by \`${generateCommand}\` (scripts/generate-loops.mjs) from scripts/loop-table.mjs. Do not edit:`,
    "// change the table and run the command again; a test checks this file is up to date.",
    "",
    'import type { TypedArray } from "../dtype";',
    'import type { ArgFoldKernel, BinaryLoops, Monoid, UnaryLoops } from "../kernels";',
    `import { ${used.join(", ")} } from "../scalar-math";`,
    ...(handWrittenFolds.length > 0 ? [`import { ${handWrittenFolds.join(", ")} } from "../pairwise-sum";`] : []),
    "",
    ...[...binaries.functions, ...unaries.functions, ...foldFunctions, ...argFunctions].flatMap((f) => [f, ""]),
    record("binaryLoops", "BinaryLoops", binaries.entries),
    "",
    record("unaryLoops", "UnaryLoops", unaries.entries),
    "",
    record("monoids", "Monoid", folds.map(({ name, initial, fold }) => [name, `{ initial: ${initial}, fold: ${fold ?? `${name}Fold`}, step: ${name}Step }`])),
    "",
    record("argFoldLoops", "ArgFoldKernel", argFolds.map(({ name }) => [name, `${name}Fold`])),
    "",
  ].join("\n");
}
