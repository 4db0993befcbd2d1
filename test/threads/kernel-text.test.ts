import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { kernelHelpers } from "../../runtime/scalar-math";

// A worker runs a kernel from its text alone (runtime/threads), so a kernel may
// name nothing but its own parameters and locals and these globals.
const globals = new Set(["Math", "Number", "Infinity", "NaN", "undefined", "RangeError", "Float64Array"]);
const fixturesDir = fileURLToPath(new URL("../../fixtures", import.meta.url));

/** The generated kernels of an emitted file: arrow functions `(count, size, [inputs], ...) => { ... }`. */
function kernelsOf(source: ts.SourceFile): ts.ArrowFunction[] {
  const found: ts.ArrowFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isArrowFunction(node) && node.parameters.length >= 7 && node.parameters.slice(0, 2).map((p) => p.name.getText(source)).join() === "count,size") found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The names `kernel` reads that it does not declare. */
function freeNames(kernel: ts.ArrowFunction): string[] {
  const declared = new Set<string>();
  const read: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isBindingElement(node) || ts.isVariableDeclaration(node) || ts.isParameter(node)) && ts.isIdentifier(node.name)) declared.add(node.name.text);
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || ((ts.isBindingElement(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.name === node);
      if (!isName) read.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(kernel);
  return read.filter((name) => !declared.has(name) && !globals.has(name));
}

describe("kernels as emitted", () => {
  const outputs = fs.readdirSync(fixturesDir).map((name) => path.join(fixturesDir, name, "output.js")).filter((file) => fs.existsSync(file));

  it("read only their parameters, their locals and JS's globals, in every fixture", () => {
    const offending: string[] = [];
    let kernels = 0;
    for (const file of outputs) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      for (const kernel of kernelsOf(source)) {
        kernels++;
        const free = freeNames(kernel);
        if (free.length > 0) offending.push(`${path.relative(fixturesDir, file)}:${source.getLineAndCharacterOfPosition(kernel.getStart()).line + 1}: ${[...new Set(free)].join(", ")}`);
      }
    }
    expect(kernels).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it("check every array's length before their loops, exactly: one element short throws a RangeError, never reads past the end", () => {
    let kernels = 0;
    const failures: string[] = [];
    for (const file of outputs) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      for (const kernel of kernelsOf(source)) {
        kernels++;
        const where = `${path.relative(fixturesDir, file)}:${source.getLineAndCharacterOfPosition(kernel.getStart()).line + 1}`;
        failures.push(...lengthCheckFailures(kernel, source).map((failure) => `${where}: ${failure}`));
      }
    }
    expect(kernels).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });
});

/** The array class a kernel reads its elements as: the name of its variant (`float32: (count, ...) =>`), float64 otherwise. */
function elementClass(kernel: ts.ArrowFunction, source: ts.SourceFile): Float64ArrayConstructor | Float32ArrayConstructor | Int32ArrayConstructor {
  const variant = ts.isPropertyAssignment(kernel.parent) ? kernel.parent.name.getText(source) : "float64";
  return variant === "float32" ? Float32Array : variant === "int32" ? Int32Array : Float64Array;
}

/**
 * Runs `kernel` on 3 examples of 2 elements, every input read from 0 with a step of 2, on arrays that record the
 * furthest element touched; then, one array at a time, on that array cut to just what was touched (must not
 * throw) and to one element less (must throw a RangeError before it computes).
 */
function lengthCheckFailures(kernel: ts.ArrowFunction, source: ts.SourceFile): string[] {
  const run = new Function(`return ${kernel.getText(source)}`)() as (...args: unknown[]) => void;
  const [inputsName, , , outputsName] = kernel.parameters.slice(2, 6).map((parameter) => parameter.name.getText(source));
  const positions = (array: string) => new Set([...kernel.body.getText(source).matchAll(new RegExp(`\\b${array}\\[(\\d+)\\]`, "g"))].map((match) => Number(match[1]))).size;
  const [inputCount, outputCount] = [positions(inputsName), positions(outputsName)];
  const Class = elementClass(kernel, source);
  const recording = (length: number, touched: number[], slot: number, ArrayClass: typeof Class | Float64ArrayConstructor) =>
    new Proxy(ArrayClass.from({ length }, (_, i) => 1 + (i % 5)), {
      get: (target, key) => {
        if (typeof key === "string" && /^\d+$/.test(key)) touched[slot] = Math.max(touched[slot], Number(key));
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
      set: (target, key, value) => {
        if (typeof key === "string" && /^\d+$/.test(key)) touched[slot] = Math.max(touched[slot], Number(key));
        return Reflect.set(target, key, value, target);
      },
    });
  const call = (lengths: number[], touched: number[]) => {
    const inputs = lengths.slice(0, inputCount).map((length, slot) => recording(length, touched, slot, Class));
    const results = lengths.slice(inputCount).map((length, slot) => recording(length, touched, inputCount + slot, Float64Array));
    run(3, 2, inputs, inputs.map(() => 0), inputs.map(() => 2), results, 0, [1, 2, 3, 4, 5, 6, 7, 8], kernelHelpers);
  };
  const slots = inputCount + outputCount;
  const touched = new Array<number>(slots).fill(-1);
  call(new Array<number>(slots).fill(64), touched);
  const failures: string[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const name = slot < inputCount ? `input ${slot}` : `output ${slot - inputCount}`;
    if (touched[slot] < 0) {
      failures.push(`${name} is never touched`);
      continue;
    }
    const lengths = new Array<number>(slots).fill(64);
    lengths[slot] = touched[slot] + 1;
    try {
      call(lengths, new Array<number>(slots).fill(-1));
    } catch (error) {
      failures.push(`${name} cut to the ${lengths[slot]} elements it touches: ${String(error)}`);
    }
    lengths[slot] = touched[slot];
    try {
      call(lengths, new Array<number>(slots).fill(-1));
      failures.push(`${name} one element short: no error`);
    } catch (error) {
      if (!(error instanceof RangeError)) failures.push(`${name} one element short: ${String(error)}`);
    }
  }
  return failures;
}

