import type * as ts from "typescript";

/**
 * The project files `sourceFile` reaches through its imports and re-exports,
 * at any depth: every file a call site of it can inline a function from.
 * Declaration files and installed packages are left out: they hold no bodies
 * to inline, and they change only on an install.
 */
export function importedProjectFiles(tsModule: typeof ts, program: ts.Program, sourceFile: ts.SourceFile): string[] {
  const checker = program.getTypeChecker();
  const reached = new Set<ts.SourceFile>([sourceFile]);
  const pending = [sourceFile];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    for (const specifier of moduleSpecifiers(tsModule, file)) {
      const declaration = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
      const imported = declaration !== undefined && tsModule.isSourceFile(declaration) ? declaration : undefined;
      if (imported === undefined || reached.has(imported) || imported.isDeclarationFile || program.isSourceFileFromExternalLibrary(imported)) continue;
      reached.add(imported);
      pending.push(imported);
    }
  }
  reached.delete(sourceFile);
  return [...reached].map((file) => file.fileName);
}

function moduleSpecifiers(tsModule: typeof ts, file: ts.SourceFile): ts.Expression[] {
  const specifiers: ts.Expression[] = [];
  for (const statement of file.statements) {
    if ((tsModule.isImportDeclaration(statement) || tsModule.isExportDeclaration(statement)) && statement.moduleSpecifier !== undefined) {
      specifiers.push(statement.moduleSpecifier);
    } else if (tsModule.isImportEqualsDeclaration(statement) && tsModule.isExternalModuleReference(statement.moduleReference)) {
      specifiers.push(statement.moduleReference.expression);
    }
  }
  return specifiers;
}
