import type * as ts from "typescript";
import { DiagnosticCode } from "../diagnostics";
import { refuse } from "./context";

/**
 * An axis spec written as a literal: a number, null for an unmapped value, or
 * an array or object of specs matching a structured value (a spec leaf covers
 * the whole subtree below it, as JAX's prefix semantics).
 */
export type AxisSpec = number | null | readonly AxisSpec[] | { readonly [key: string]: AxisSpec };

export interface VmapOptions {
  /** One spec for every argument, or one per argument. */
  readonly inAxes: AxisSpec;
  readonly outAxes: AxisSpec;
  readonly axisSize: number | undefined;
  /** Examples per run of the batched program: the batch is cut into chunks of this size. */
  readonly chunkSize: number | undefined;
  /** How many threads a large batch may use, the calling one included. */
  readonly threads: number | undefined;
}

/** Reads `vmap(fn, { inAxes, outAxes, axisSize, chunkSize, threads })`; every option must be a literal. */
export function readVmapOptions(tsModule: typeof ts, call: ts.CallExpression): VmapOptions {
  const options: { -readonly [K in keyof VmapOptions]: VmapOptions[K] } = { inAxes: 0, outAxes: 0, axisSize: undefined, chunkSize: undefined, threads: undefined };
  const argument = call.arguments[1];
  if (!argument) return options;
  const literal = unwrap(tsModule, argument);
  if (!tsModule.isObjectLiteralExpression(literal)) {
    return refuse(DiagnosticCode.NonLiteralAxes, `the options of vmap must be written as an object literal (\`{ inAxes: [0, null] }\`) so they are known at compile time`, argument);
  }
  for (const property of literal.properties) {
    if (!tsModule.isPropertyAssignment(property) || !tsModule.isIdentifier(property.name)) {
      return refuse(DiagnosticCode.NonLiteralAxes, "write each vmap option as `name: literal`", property);
    }
    const value = unwrap(tsModule, property.initializer);
    switch (property.name.text) {
      case "inAxes":
        options.inAxes = readSpec(tsModule, value, "inAxes");
        break;
      case "outAxes":
        options.outAxes = readSpec(tsModule, value, "outAxes");
        break;
      case "axisSize": {
        const size = readNumber(tsModule, value);
        if (size === undefined || !Number.isInteger(size) || size < 0) {
          return refuse(DiagnosticCode.NonLiteralAxes, "`axisSize` must be a non-negative integer literal", value);
        }
        options.axisSize = size;
        break;
      }
      case "chunkSize": {
        const size = readNumber(tsModule, value);
        if (size === undefined || !Number.isInteger(size) || size < 1) {
          return refuse(DiagnosticCode.NonLiteralAxes, "`chunkSize` must be a positive integer literal", value);
        }
        options.chunkSize = size;
        break;
      }
      case "threads": {
        const threads = readNumber(tsModule, value);
        if (threads === undefined || !Number.isInteger(threads) || threads < 1) {
          return refuse(DiagnosticCode.NonLiteralAxes, "`threads` must be a positive integer literal (1: the calling thread only); to set it at run time, use the TSVMAP_THREADS environment variable", value);
        }
        options.threads = threads;
        break;
      }
      default:
        return refuse(DiagnosticCode.BadArguments, `vmap has no option \`${property.name.text}\`; the options are inAxes, outAxes, axisSize, chunkSize and threads`, property.name);
    }
  }
  return options;
}

function readSpec(tsModule: typeof ts, node: ts.Expression, option: string): AxisSpec {
  const value = unwrap(tsModule, node);
  if (value.kind === tsModule.SyntaxKind.NullKeyword) return null;
  const axis = readNumber(tsModule, value);
  if (axis !== undefined && Number.isInteger(axis)) return axis;
  if (tsModule.isArrayLiteralExpression(value)) return value.elements.map((element) => readSpec(tsModule, element, option));
  if (tsModule.isObjectLiteralExpression(value)) {
    const specs: Record<string, AxisSpec> = {};
    for (const property of value.properties) {
      if (!tsModule.isPropertyAssignment(property) || !(tsModule.isIdentifier(property.name) || tsModule.isStringLiteral(property.name))) {
        return refuse(DiagnosticCode.NonLiteralAxes, `write each entry of a structured \`${option}\` spec as \`key: spec\``, property);
      }
      specs[property.name.text] = readSpec(tsModule, property.initializer, option);
    }
    return specs;
  }
  return refuse(DiagnosticCode.NonLiteralAxes, `\`${option}\` must be written as integer or null literals (found \`${value.getText()}\`), so the batch axis is known at compile time`, value);
}

function readNumber(tsModule: typeof ts, node: ts.Expression): number | undefined {
  if (tsModule.isNumericLiteral(node)) return Number(node.text);
  if (tsModule.isPrefixUnaryExpression(node) && node.operator === tsModule.SyntaxKind.MinusToken && tsModule.isNumericLiteral(node.operand)) {
    return -Number(node.operand.text);
  }
  return undefined;
}

function unwrap(tsModule: typeof ts, node: ts.Expression): ts.Expression {
  while (tsModule.isParenthesizedExpression(node) || tsModule.isAsExpression(node) || tsModule.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

/** The spec of argument `index`. */
export function specOf(options: VmapOptions, index: number): AxisSpec {
  return isSpecList(options.inAxes) ? options.inAxes[index] ?? null : options.inAxes;
}

export function isSpecList(spec: AxisSpec): spec is readonly AxisSpec[] {
  return Array.isArray(spec);
}

/** True when nothing under `spec` is mapped. */
export function isUnmapped(spec: AxisSpec): boolean {
  if (spec === null) return true;
  if (typeof spec === "number") return false;
  return Object.values(spec).every(isUnmapped);
}
