import ts from "typescript";
import { DiagnosticCode, TsvmapError } from "../../transformer/diagnostics";
import type { TransformEnv } from "../../transformer/env";
import { rewriteVmapSites, type VmapSite } from "../../transformer/transformers/file";
import { createCalleeResolver } from "../../transformer/transformers/resolve";
import { createTsvmapSymbols } from "../../transformer/transformers/symbols";

/**
 * A code generator stand-in, so the call-site plumbing is tested on its own:
 * `vmap(f)` becomes `<runtime>.marker`, except that the first argument's name
 * asks for a failure: `refused` (a refusal at the second argument), `broken`
 * (an internal error), `synthetic` (a refusal at a node with no source position).
 */
export function standInCompile(call: ts.CallExpression, env: TransformEnv): ts.Expression {
  switch (call.arguments[0]?.getText()) {
    case "refused":
      throw new TsvmapError(DiagnosticCode.NonLiteralAxes, "inAxes is not a literal", call.arguments[1]);
    case "broken":
      throw new Error("stand-in failure");
    case "synthetic":
      throw new TsvmapError(DiagnosticCode.UnsupportedSyntax, "no place in the source", env.factory.createIdentifier("made"));
    default:
      return env.factory.createPropertyAccessExpression(env.runtime(), "marker");
  }
}

/** The file transformer wired as `vmapTransformer` wires it, with the stand-in in place of the code generator. */
export function standInTransformer(
  program: ts.Program,
  report: (diagnostic: ts.Diagnostic) => void,
  onSite?: (site: VmapSite) => void,
): ts.TransformerFactory<ts.SourceFile> {
  const checker = program.getTypeChecker();
  const symbols = createTsvmapSymbols(ts, checker);
  return rewriteVmapSites({
    ts,
    checker,
    symbols,
    resolveCallee: createCalleeResolver(ts, checker, symbols.isVmapCall),
    compileSite: standInCompile,
    onUnsupported: "error",
    report,
    onSite,
  });
}
