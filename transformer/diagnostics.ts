import type * as ts from "typescript";

/**
 * Every compile-time refusal, numbered once. A diagnostic prints as
 * `TSVMAP<code>: <what was found>. <what to write instead>`.
 */
export enum DiagnosticCode {
  /** A bug in tsvmap: compiling the call site threw something other than a refusal. */
  InternalError = 9000,
  /** The per-example function is not a function the transformer can read. */
  UnresolvedFunction = 9001,
  /** `inAxes`, `outAxes` or `axisSize` is not written as a literal. */
  NonLiteralAxes = 9002,
  /** A statement or expression outside the accepted language (DESIGN §5). */
  UnsupportedSyntax = 9003,
  /** Assignment to a variable declared outside the per-example function. */
  OuterMutation = 9004,
  /** A call into code the transformer cannot see into. */
  OpaqueCall = 9005,
  /** A value typed `any`, whose rank and kind cannot be known. */
  AnyTyped = 9006,
  /** A shape, axis or index that would depend on a batched value. */
  DataDependentShape = 9007,
  /** A helper that calls itself, directly or through others. */
  Recursion = 9008,
  /** An axis outside the rank it applies to. */
  AxisOutOfRange = 9009,
  /** A closed-over value that the vmap call site cannot see. */
  OutOfScope = 9010,
  /** An axis spec whose structure does not match the argument or result. */
  AxesStructure = 9011,
  /** Wrong number or kind of arguments to an `np` op or to `vmap`. */
  BadArguments = 9012,
}

/** The one error type the transformer throws for input it refuses. */
export class TsvmapError extends Error {
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly node: ts.Node,
  ) {
    super(message);
    this.name = "TsvmapError";
  }
}

/**
 * Turns a refusal into an error diagnostic at its node; `tsModule` is the
 * caller's TypeScript. A node synthesised by the code generator has no place in
 * any file: the diagnostic then points at `site`, the vmap call being compiled.
 */
export function toDiagnostic(tsModule: typeof ts, error: TsvmapError, site?: ts.Node): ts.Diagnostic {
  const node = tsModule.getParseTreeNode(error.node) ?? site ?? tsModule.getOriginalNode(error.node);
  const file = node.getSourceFile();
  const start = node.getStart(file);
  return {
    category: tsModule.DiagnosticCategory.Error,
    code: error.code,
    source: "tsvmap",
    file,
    start,
    length: node.getEnd() - start,
    messageText: `TSVMAP${error.code}: ${error.message}`,
  };
}
