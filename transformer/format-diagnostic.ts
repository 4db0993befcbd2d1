import * as path from "node:path";
import type * as ts from "typescript";

/**
 * One diagnostic on one line as editors and terminals link it:
 * `file:line:col - error TSVMAP9002: message` (TypeScript's own as `TS2304`).
 * `relativeTo` shortens the file name to a path from that directory.
 */
export function formatDiagnostic(tsModule: typeof ts, diagnostic: ts.Diagnostic, relativeTo?: string): string {
  const message = tsModule.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  // tsvmap's messages carry their own `TSVMAP<code>: ` prefix.
  const text = diagnostic.source === "tsvmap" ? message : `TS${diagnostic.code}: ${message}`;
  const category = tsModule.DiagnosticCategory[diagnostic.category].toLowerCase();
  const { file, start } = diagnostic;
  if (file === undefined || start === undefined) return `${category} ${text}`;
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  const fileName = relativeTo === undefined ? file.fileName : path.relative(relativeTo, file.fileName);
  return `${fileName}:${line + 1}:${character + 1} - ${category} ${text}`;
}
