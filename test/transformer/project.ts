import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ts from "typescript";

/** A throwaway directory on disk holding a small TypeScript project, for tests that need real module resolution. */
export interface TempProject {
  readonly dir: string;
  /** The absolute path of a file given relative to the project. */
  file(relative: string): string;
  /** A program over `roots` (relative paths) with `options`. */
  program(roots: readonly string[], options: ts.CompilerOptions): ts.Program;
  remove(): void;
}

/** Writes `files` (relative path → text) under a fresh temporary directory. */
export function createTempProject(files: Readonly<Record<string, string>>): TempProject {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-test-")));
  for (const [relative, text] of Object.entries(files)) {
    const target = path.join(dir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  const file = (relative: string) => path.join(dir, relative);
  return {
    dir,
    file,
    program: (roots, options) => ts.createProgram(roots.map(file), options),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Pre-emit diagnostics of `program`, formatted, so a test can assert there are none and show them if there are. */
export function preEmitErrors(program: ts.Program): string[] {
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

/** A stand-in for an installed tsvmap: its manifest, declarations and a CommonJS runtime that needs no build. */
export const installedTsvmap: Readonly<Record<string, string>> = {
  "node_modules/tsvmap/package.json": JSON.stringify({
    name: "tsvmap",
    version: "0.0.0",
    types: "./index.d.ts",
    main: "./index.js",
    exports: {
      ".": { types: "./index.d.ts", default: "./index.js" },
      "./runtime": { types: "./runtime.d.ts", default: "./runtime.js" },
    },
  }),
  "node_modules/tsvmap/index.d.ts": [
    "export declare function vmap<F>(fn: F, options?: { inAxes?: unknown }): F;",
    "export declare namespace vmap { function reference<F>(fn: F): F; }",
    'export * as np from "./np";',
  ].join("\n"),
  "node_modules/tsvmap/np.d.ts": [
    "export declare function sum(x: readonly number[]): number;",
    "export declare function square(x: number): number;",
  ].join("\n"),
  "node_modules/tsvmap/index.js": [
    '"use strict";',
    'exports.vmap = () => { throw new Error("the test expected this vmap call to be compiled"); };',
    "exports.np = {};",
  ].join("\n"),
  "node_modules/tsvmap/runtime.d.ts": "export declare function marker(...args: unknown[]): string;",
  "node_modules/tsvmap/runtime.js": '"use strict";\nexports.marker = (...args) => `compiled(${args.join(",")})`;',
};
