import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// A worker runs a kernel from its text alone (runtime/threads), so a kernel may
// name nothing but its own parameters and locals and these globals.
const globals = new Set(["Math", "Number", "Infinity", "NaN", "undefined"]);
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
});
