import type * as ts from "typescript";
import { DiagnosticCode, TsvmapError, toDiagnostic } from "../diagnostics";
import type { TransformEnv } from "../env";
import type { TsvmapSymbols } from "./symbols";

/** The code generator's entry: the batched expression that replaces one `vmap(...)` call. */
export type CompileSite = (call: ts.CallExpression, env: TransformEnv) => ts.Expression;

/** One outermost `vmap(...)` call and what replaced it; `replacement` is undefined when the site was refused. */
export interface VmapSite {
  readonly call: ts.CallExpression;
  readonly replacement: ts.Expression | undefined;
}

/** What rewriting the call sites of one file needs from the program being emitted. */
export interface SiteRewriter {
  readonly ts: typeof ts;
  readonly checker: ts.TypeChecker;
  readonly symbols: TsvmapSymbols;
  readonly resolveCallee: TransformEnv["resolveCallee"];
  readonly compileSite: CompileSite;
  /**
   * Receives every refusal, and every unexpected failure: an error diagnostic,
   * or a warning when the site falls back to `vmap.reference`.
   */
  readonly report: (diagnostic: ts.Diagnostic) => void;
  /** What a refused site becomes: left as written (`"error"`), or `vmap.reference(...)` (`"reference"`). */
  readonly onUnsupported: OnUnsupported;
  /** Sees each outermost site, in source order, once it is compiled or refused. */
  readonly onSite?: (site: VmapSite) => void;
}

/** What the transformer does with a call site it refuses. */
export type OnUnsupported = "error" | "reference";

/** Where emitted code finds the batched primitives. */
const runtimeModuleSpecifier = "tsvmap/runtime";

/**
 * Replaces each outermost tsvmap `vmap(...)` call of a file with the code the
 * code generator emits for it (nested sites are the generator's business), and
 * gives the file one namespace import of `tsvmap/runtime` when a site compiled.
 * A refused site stays as written and its diagnostic goes to `report`.
 */
export function rewriteVmapSites(rewriter: SiteRewriter): ts.TransformerFactory<ts.SourceFile> {
  const { ts: tsModule, symbols, compileSite, report, onSite, onUnsupported } = rewriter;
  const { SyntaxKind } = tsModule;

  return (context) => (sourceFile) => {
    const { factory } = context;
    // Every reference to the runtime namespace is its own node, generated from one
    // anchor: the printer gives them one name, unique in the file (`tsvmap_runtime`
    // unless the user's code already has that name).
    const runtimeAnchor = factory.createIdentifier("tsvmap_runtime");
    const runtimeName = () =>
      factory.getGeneratedNameForNode(
        runtimeAnchor,
        tsModule.GeneratedIdentifierFlags.Optimistic | tsModule.GeneratedIdentifierFlags.FileLevel,
      );
    let runtimeUsed = false;
    let compiledSites = 0;

    const env: TransformEnv = {
      ts: tsModule,
      checker: rewriter.checker,
      factory,
      runtime: () => {
        runtimeUsed = true;
        return runtimeName();
      },
      isVmapCall: symbols.isVmapCall,
      npOpName: symbols.npOpName,
      resolveCallee: rewriter.resolveCallee,
    };

    function visitNode(node: ts.Node): ts.Node {
      switch (node.kind) {
        case SyntaxKind.CallExpression:
          return visitCallExpression(node as ts.CallExpression);
        default:
          return tsModule.visitEachChild(node, visitNode, context);
      }
    }

    function visitCallExpression(call: ts.CallExpression): ts.Node {
      // A tsvmap `vmap(f, options)` call: the whole call becomes its batched code.
      if (symbols.isVmapCall(call)) return visitVmapSite(call);
      return tsModule.visitEachChild(call, visitNode, context);
    }

    function visitVmapSite(call: ts.CallExpression): ts.Node {
      let replacement: ts.Expression | undefined;
      try {
        replacement = tsModule.setOriginalNode(tsModule.setTextRange(compileSite(call, env), call), call);
        compiledSites++;
      } catch (error) {
        if (error instanceof TsvmapError && readsEnclosingFunctionValue(error.node, call)) {
          // Compiled where the enclosing function is inlined into another vmap; called directly, it runs per example.
          replacement = referenceFallback(call);
          onSite?.({ call, replacement });
          return replacement;
        }
        const diagnostic = diagnosticFor(error, call);
        if (onUnsupported === "error") {
          report(diagnostic);
        } else {
          report(asFallbackWarning(diagnostic));
          onSite?.({ call, replacement: undefined });
          return referenceFallback(call);
        }
      }
      onSite?.({ call, replacement });
      return replacement ?? call;
    }

    /** Transforms a refused `vmap(f, options)` into `vmap.reference(f, options)`: correct, uncompiled, and silent at run time. */
    function referenceFallback(call: ts.CallExpression): ts.Expression {
      const callee = factory.createPropertyAccessExpression(call.expression, "reference");
      const args = call.arguments.map((argument) => tsModule.visitNode(argument, visitNode) as ts.Expression);
      return tsModule.setOriginalNode(tsModule.setTextRange(factory.createCallExpression(callee, call.typeArguments, args), call), call);
    }

    /**
     * True when `node`, where compiling the site stopped, names a function
     * held by a parameter or local of a function around the site (JAX's
     * `cov_map(cov_func, …)`): only a call of that function can say which.
     */
    function readsEnclosingFunctionValue(node: ts.Node, call: ts.CallExpression): boolean {
      const name = tsModule.isCallExpression(node) ? node.expression : node;
      if (!tsModule.isIdentifier(name)) return false;
      const declaration = rewriter.checker.getSymbolAtLocation(name)?.valueDeclaration;
      if (!declaration || !(tsModule.isParameter(declaration) || tsModule.isVariableDeclaration(declaration))) return false;
      if (rewriter.checker.getTypeAtLocation(declaration).getCallSignatures().length === 0) return false;
      for (let scope: ts.Node | undefined = call.parent; scope; scope = scope.parent) {
        if (tsModule.isFunctionLike(scope) && isWithin(declaration, scope)) return true;
      }
      return false;
    }

    function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
      for (let current: ts.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
      return false;
    }

    function asFallbackWarning(diagnostic: ts.Diagnostic): ts.Diagnostic {
      const message = tsModule.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
      return { ...diagnostic, category: tsModule.DiagnosticCategory.Warning, messageText: `${message} (onUnsupported: "reference": this site runs as vmap.reference, uncompiled)` };
    }

    function diagnosticFor(error: unknown, call: ts.CallExpression): ts.Diagnostic {
      if (error instanceof TsvmapError) return toDiagnostic(tsModule, error, call);
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const message =
        `internal error while compiling this vmap call; it was left uncompiled. ` +
        `Please report this as a tsvmap bug, with the call. ${detail}`;
      return toDiagnostic(tsModule, new TsvmapError(DiagnosticCode.InternalError, message, call));
    }

    const visited = tsModule.visitEachChild(sourceFile, visitNode, context);
    if (!runtimeUsed || compiledSites === 0) return visited;
    return withNamespaceImport(factory, visited, runtimeName());
  };

  /** `file` with `import * as <name> from "tsvmap/runtime"` after its prologue and leading imports. */
  function withNamespaceImport(factory: ts.NodeFactory, file: ts.SourceFile, name: ts.Identifier): ts.SourceFile {
    const runtimeImport = factory.createImportDeclaration(
      undefined,
      factory.createImportClause(undefined, undefined, factory.createNamespaceImport(name)),
      factory.createStringLiteral(runtimeModuleSpecifier),
    );
    const statements = file.statements;
    let at = 0;
    while (at < statements.length && isPrologueOrImport(statements[at])) at++;
    return factory.updateSourceFile(file, [...statements.slice(0, at), runtimeImport, ...statements.slice(at)]);
  }

  function isPrologueOrImport(statement: ts.Statement): boolean {
    return (
      tsModule.isImportDeclaration(statement) ||
      (tsModule.isExpressionStatement(statement) && tsModule.isStringLiteral(statement.expression))
    );
  }
}
