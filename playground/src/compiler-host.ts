import ts from "typescript";
import { libDirectory } from "./library-files";
import { virtualFiles } from "./virtual-files";

/**
 * A CompilerHost over the in-memory files. Parsed library files are kept, so
 * each keystroke re-parses only the example, and a program built with the
 * previous one as `oldProgram` reuses everything else.
 */
export function createMemoryCompilerHost(): ts.CompilerHost {
  const parsed = new Map<string, ts.SourceFile>();
  return {
    getSourceFile(fileName, languageVersion) {
      const text = virtualFiles.get(fileName);
      if (text === undefined) return undefined;
      const cached = parsed.get(fileName);
      if (cached !== undefined && cached.text === text) return cached;
      const sourceFile = ts.createSourceFile(fileName, text, languageVersion);
      parsed.set(fileName, sourceFile);
      return sourceFile;
    },
    getDefaultLibFileName: (compilerOptions) => `${libDirectory}/${ts.getDefaultLibFileName(compilerOptions)}`,
    getDefaultLibLocation: () => libDirectory,
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (fileName) => fileName,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (fileName) => virtualFiles.has(fileName),
    readFile: (fileName) => virtualFiles.get(fileName),
    directoryExists: (directory) => {
      const prefix = directory.endsWith("/") ? directory : `${directory}/`;
      for (const fileName of virtualFiles.keys()) if (fileName.startsWith(prefix)) return true;
      return false;
    },
    getDirectories: () => [],
  };
}
