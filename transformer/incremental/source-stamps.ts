import { createHash } from "node:crypto";
import type * as ts from "typescript";

/**
 * A stamp for each file whose functions a vmap site may inline: the files that
 * the files mentioning `vmap` import, directly or not. It hashes the file's
 * text and the stamps of the files it imports, so it changes whenever code
 * that a site inlines changes, however deep. Undefined for every other file.
 */
export function sourceStamps(tsModule: typeof ts, program: ts.Program): (file: ts.SourceFile) => string | undefined {
  const checker = program.getTypeChecker();
  const isUserFile = (file: ts.SourceFile) => !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file);
  const importsOf = (file: ts.SourceFile): ts.SourceFile[] =>
    file.statements.flatMap((statement) => {
      const specifier = (tsModule.isImportDeclaration(statement) || tsModule.isExportDeclaration(statement)) ? statement.moduleSpecifier : undefined;
      const target = specifier && checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      return target !== undefined && tsModule.isSourceFile(target) && isUserFile(target) ? [target] : [];
    });

  const inlinable = new Set<ts.SourceFile>();
  const pending = program.getSourceFiles().filter((file) => isUserFile(file) && file.text.includes("vmap")).flatMap(importsOf);
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (inlinable.has(file)) continue;
    inlinable.add(file);
    pending.push(...importsOf(file));
  }

  const stamps = new Map<ts.SourceFile, string>();
  const stampOf = (file: ts.SourceFile): string => {
    const known = stamps.get(file);
    if (known !== undefined) return known;
    stamps.set(file, "cycle");
    const hash = createHash("sha256").update(file.text);
    for (const imported of importsOf(file)) hash.update(stampOf(imported));
    const stamp = hash.digest("hex").slice(0, 16);
    stamps.set(file, stamp);
    return stamp;
  };
  return (file) => (inlinable.has(file) ? stampOf(file) : undefined);
}
