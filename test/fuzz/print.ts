import type { AxisOptions, AxisSpec, Expr, FunctionNode, FuzzModule, InputNode, ParamType, Stmt } from "./ast";

/*
 * Prints a generated module as a fixture (the format of fixtures/<case>/input.ts):
 * it exports `batched`, `reference`, `inputs(batchSize, random)` and `batchSizes`.
 */

/** `random` module specifier as seen from a file two directories below fixtures/ (fixtures/fuzz-found/<hash>/input.ts). */
const randomSpecifier = "../../../test/harness/random";

export function printModule(module: FuzzModule, header: readonly string[] = []): string {
  const options = printOptions(module.options);
  const lines = [
    ...header.map((line) => `// ${line}`),
    'import { np, vmap, type Tensor } from "tsvmap";',
    `import type { Random } from "${randomSpecifier}";`,
    "",
    ...module.statements.map((statement) =>
      statement.kind === "constant"
        ? `const ${statement.name} = ${printExpr(statement.init)};`
        : `function ${statement.name}${printFunction(statement.fn, "")}`,
    ),
    "",
    `function perExample${printFunction(module.fn, "")}`,
    "",
    `export const batched = vmap(perExample${options});`,
    `export const reference = vmap.reference(perExample${options});`,
    `export const batchSizes = [${module.batchSizes.join(", ")}];`,
    "",
    "export function inputs(batchSize: number, random: Random): unknown[] {",
    `  return [${module.inputs.map(printInput).join(", ")}];`,
    "}",
    "",
  ];
  return lines.join("\n");
}

function printOptions(options: AxisOptions): string {
  const fields: string[] = [];
  if (options.inAxes !== undefined) fields.push(`inAxes: ${printSpec(options.inAxes)}`);
  if (options.outAxes !== undefined) fields.push(`outAxes: ${printSpec(options.outAxes)}`);
  if (options.axisSize !== undefined) fields.push(`axisSize: ${options.axisSize}`);
  return fields.length === 0 ? "" : `, { ${fields.join(", ")} }`;
}

function printSpec(spec: AxisSpec): string {
  if (spec === null || typeof spec === "number") return String(spec);
  if (Array.isArray(spec)) return `[${spec.map(printSpec).join(", ")}]`;
  const entries = Object.entries(spec as Record<string, AxisSpec>);
  return `{ ${entries.map(([key, value]) => `${key}: ${printSpec(value)}`).join(", ")} }`;
}

function printParamType(type: ParamType): string {
  switch (type.kind) {
    case "number":
    case "Tensor":
      return type.kind;
    case "tuple":
      return `[${type.items.map(printParamType).join(", ")}]`;
    case "object":
      return `{ ${type.keys.map((key, i) => `${key}: ${printParamType(type.items[i])}`).join("; ")} }`;
    case "function":
      return `(${type.params.map((param, i) => `a${i}: ${printParamType(param)}`).join(", ")}) => ${printParamType(type.result)}`;
  }
}

function printParams(params: FunctionNode["params"]): string {
  return params.map((p) => `${p.name}: ${printParamType(p.type)}`).join(", ");
}

/** A function's parameter list and body, at `indent`. */
function printFunction(fn: FunctionNode, indent: string, arrow = false): string {
  return `(${printParams(fn.params)})${arrow ? " =>" : ""} {\n${printBlock(fn.body, `${indent}  `)}${indent}}`;
}

function printBlock(body: readonly Stmt[], indent: string): string {
  return body.map((statement) => printStmt(statement, indent)).join("");
}

function printStmt(statement: Stmt, indent: string): string {
  const inner = `${indent}  `;
  switch (statement.kind) {
    case "declare":
      return `${indent}${statement.keyword} ${statement.name} = ${printExpr(statement.init, indent)};\n`;
    case "declareUnset":
      return `${indent}let ${statement.name}: number;\n`;
    case "forOf":
      return `${indent}for (const ${statement.name} of ${printExpr(statement.of, indent)}) {\n${printBlock(statement.body, inner)}${indent}}\n`;
    case "jump":
      return `${indent}${statement.jump};\n`;
    case "switch": {
      const deeper = `${inner}  `;
      const cases = statement.cases.map((clause) => `${inner}case ${clause.value}:\n${printBlock(clause.body, deeper)}${clause.breaks ? `${deeper}break;\n` : ""}`).join("");
      return `${indent}switch (${printExpr(statement.subject, indent)}) {\n${cases}${inner}default:\n${printBlock(statement.otherwise, deeper)}${indent}}\n`;
    }
    case "destructure": {
      const names = statement.names.join(", ");
      const pattern = statement.pattern === "array" ? `[${names}]` : `{ ${names} }`;
      return `${indent}const ${pattern} = ${printExpr(statement.from, indent)};\n`;
    }
    case "assign":
      return `${indent}${statement.name} ${statement.op} ${printExpr(statement.value, indent)};\n`;
    case "increment":
      return `${indent}${statement.name}++;\n`;
    case "if": {
      const otherwise = statement.otherwise.length === 0 ? "" : ` else {\n${printBlock(statement.otherwise, inner)}${indent}}`;
      return `${indent}if (${printExpr(statement.test, indent)}) {\n${printBlock(statement.then, inner)}${indent}}${otherwise}\n`;
    }
    case "for":
      return (
        `${indent}for (let ${statement.counter} = 0; ${statement.counter} < ${printExpr(statement.bound, indent)}; ${statement.counter}++) {\n` +
        `${printBlock(statement.body, inner)}${indent}}\n`
      );
    case "while":
      return (
        `${indent}let ${statement.counter} = 0;\n` +
        `${indent}while (${statement.counter} < ${printExpr(statement.bound, indent)}) {\n` +
        `${printBlock(statement.body, inner)}${inner}${statement.counter} = ${statement.counter} + 1;\n${indent}}\n`
      );
    case "return":
      return `${indent}return ${printExpr(statement.value, indent)};\n`;
    case "declareList":
      return `${indent}const ${statement.name}: ${statement.element}[] = [];\n`;
    case "push":
      return `${indent}${statement.list}.push(${printExpr(statement.value, indent)});\n`;
    case "throw":
      return `${indent}if (${printExpr(statement.test, indent)}) throw new ${statement.error}(${JSON.stringify(statement.message)});\n`;
  }
}

/** Operands that need parentheses when they sit inside another operator. */
function needsParens(expr: Expr): boolean {
  return expr.kind === "binary" || expr.kind === "conditional" || expr.kind === "as" || expr.kind === "unary" || expr.kind === "arrow" ||
    (expr.kind === "number" && expr.value < 0);
}

function operand(expr: Expr, indent: string): string {
  const text = printExpr(expr, indent);
  return needsParens(expr) ? `(${text})` : text;
}

/** How tightly JS binds the binary operators the generator writes (`**` is left out: it always gets parentheses). */
const precedence: Readonly<Record<string, number>> = { "*": 12, "/": 12, "%": 12, "+": 11, "-": 11, "<": 9, ">": 9, "<=": 9, ">=": 9, "===": 8, "!==": 8, "&&": 4, "||": 3 };

/** An operand of a binary operator, parenthesized unless it binds tighter (as `k % 2 + 2`, the spelling the README gives a window's stop). */
function binaryOperand(expr: Expr, parent: string, indent: string): string {
  const inner = expr.kind === "binary" ? precedence[expr.op] : undefined;
  const outer = precedence[parent];
  if (inner !== undefined && outer !== undefined && inner > outer) return printExpr(expr, indent);
  return operand(expr, indent);
}

export function printExpr(expr: Expr, indent = ""): string {
  switch (expr.kind) {
    case "number":
      return Object.is(expr.value, -0) ? "-0" : String(expr.value);
    case "string":
      return JSON.stringify(expr.value);
    case "name":
      return expr.name;
    case "null":
      return "null";
    case "call":
      return `${expr.callee}(${expr.args.map((arg) => printExpr(arg, indent)).join(", ")})`;
    case "arrow":
      return `(${printParams(expr.params)}) => ${operand(expr.body, indent)}`;
    case "binary":
      return `${binaryOperand(expr.left, expr.op, indent)} ${expr.op} ${binaryOperand(expr.right, expr.op, indent)}`;
    case "unary":
      return `${expr.op}${operand(expr.operand, indent)}`;
    case "conditional":
      return `${operand(expr.test, indent)} ? ${operand(expr.then, indent)} : ${operand(expr.otherwise, indent)}`;
    case "member":
      return `${operand(expr.object, indent)}.${expr.property}`;
    case "element":
      return `${operand(expr.object, indent)}[${printExpr(expr.index, indent)}]`;
    case "array":
      return `[${expr.items.map((item) => printExpr(item, indent)).join(", ")}]`;
    case "object":
      return `{ ${expr.keys.map((key, i) => `${key}: ${printExpr(expr.values[i], indent)}`).join(", ")} }`;
    case "as":
      return `${operand(expr.expr, indent)} as ${expr.type}`;
    case "vmap": {
      const fn = printFunction(expr.fn, indent, true);
      return `vmap(${fn}${printOptions(expr.options)})(${expr.args.map((arg) => printExpr(arg, indent)).join(", ")})`;
    }
  }
}

function printInput(input: InputNode): string {
  switch (input.kind) {
    case "scalar":
      return input.integer ? "Math.round(random.next() * 8 - 4)" : "random.next() * 4 - 2";
    case "tuple":
      return `[${input.items.map(printInput).join(", ")}]`;
    case "object":
      return `{ ${input.keys.map((key, i) => `${key}: ${printInput(input.items[i])}`).join(", ")} }`;
    case "tensor": {
      const shape = `[${input.shape.map((extent) => (extent === "batch" ? "batchSize" : String(extent))).join(", ")}]`;
      switch (input.dtype) {
        case "float64":
          return `random.normal(${shape})`;
        case "float32":
          return `np.array(Float32Array.from(random.normal(${shape}).data, (x) => x * 1000), ${shape})`;
        case "int32":
          return `random.integers(${shape}, -3, 4)`;
        case "int32-wide":
          return `random.integers(${shape}, -60000, 60000)`;
        case "numbers":
          return `np.array(Float64Array.from(random.normal(${shape}).data, (x, i) => (i % 3 === 1 ? x : Math.round(x * 4))), ${shape})`;
      }
    }
  }
}
