import type * as ts from "typescript";
import { sourceStamps } from "./incremental/source-stamps";

/**
 * The ts-patch entry for incremental builds that emit declarations
 * (`{ "transform": "tsvmap/incremental", "afterDeclarations": true }`).
 * TypeScript rebuilds the importers of a changed file only when its
 * declaration output changes, and an edit inside a function body does not
 * change it; but a vmap site inlines that body. So the declarations of every
 * file a site may inline from carry a stamp of its source (a comment), and an
 * edit there rebuilds the sites.
 */
export default function tsvmapIncremental(program: ts.Program, _pluginConfig: unknown, extras: { readonly ts: typeof ts }): ts.TransformerFactory<ts.SourceFile | ts.Bundle> {
  const tsModule = extras.ts;
  const stampOf = sourceStamps(tsModule, program);
  return ({ factory }) => (declarations) => {
    if (!tsModule.isSourceFile(declarations)) return declarations;
    const source = program.getSourceFile(declarations.fileName);
    const stamp = source && stampOf(source);
    if (source === undefined || stamp === undefined) return declarations;
    // A statement that prints as its comment only, so the declarations themselves are untouched.
    const stampLine = tsModule.addSyntheticLeadingComment(
      factory.createNotEmittedStatement(source), tsModule.SyntaxKind.SingleLineCommentTrivia, ` tsvmap source stamp ${stamp}`, true,
    );
    return factory.updateSourceFile(declarations, [stampLine, ...declarations.statements]);
  };
}
