import * as fs from "node:fs";
import * as path from "node:path";
import type * as ts from "typescript";
import { analyzeFile } from "../analyze";
import type { OnUnsupported } from "../index";
import { rewriteFile } from "./rewrite-file";
import { printTypedReplacement } from "./typed-replacement";

/** What `tsvmap build` did. */
export interface PrebuildResult {
  /** Files written with their vmap sites compiled (each with a `.map` beside it). */
  readonly rewritten: readonly string[];
  /** Files copied unchanged. */
  readonly copied: readonly string[];
  readonly compiledSites: number;
  /** Refused sites written as `vmap.reference(...)` (under `onUnsupported: "reference"`). */
  readonly referenceSites: number;
  /**
   * One TSVMAP diagnostic per refused site: an error, and the site is written
   * as it was (it runs uncompiled); under `onUnsupported: "reference"` a
   * warning, and the site is written as `vmap.reference(...)`.
   */
  readonly diagnostics: readonly ts.Diagnostic[];
}

/**
 * Mirrors the tree `sourceDir` into `outDir`: each file of `program` in it that
 * has vmap call sites is written with them compiled (and, under
 * `onUnsupported: "reference"`, its refused ones as `vmap.reference`), every
 * other file is copied byte for byte, so the mirror builds and runs as the
 * original would.
 */
export function prebuild(tsModule: typeof ts, program: ts.Program, sourceDir: string, outDir: string, onUnsupported: OnUnsupported = "error"): PrebuildResult {
  const root = path.resolve(sourceDir);
  const out = path.resolve(outDir);
  const print = printTypedReplacement(tsModule);
  const rewritten: string[] = [];
  const copied: string[] = [];
  const diagnostics: ts.Diagnostic[] = [];
  let compiledSites = 0;
  let referenceSites = 0;

  for (const file of filesUnder(root, out)) {
    const target = path.join(out, path.relative(root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const sourceFile = programFile(program, file);
    const analysis = sourceFile && analyzeFile(tsModule, program, sourceFile, { print, onUnsupported });
    diagnostics.push(...(analysis?.diagnostics ?? []));
    const compiled = analysis?.sites.filter((site) => site.code !== undefined) ?? [];
    // Under "error" a refused site stays as written; under "reference" it is rewritten to vmap.reference.
    const rewrittenSites = onUnsupported === "reference" ? (analysis?.sites ?? []) : compiled;
    if (sourceFile === undefined || rewrittenSites.length === 0) {
      fs.copyFileSync(file, target);
      copied.push(target);
      continue;
    }
    const { text, sourceMap } = rewriteFile(tsModule, sourceFile, rewrittenSites, target);
    fs.writeFileSync(target, text);
    fs.writeFileSync(`${target}.map`, JSON.stringify(sourceMap));
    rewritten.push(target);
    compiledSites += compiled.length;
    referenceSites += rewrittenSites.length - compiled.length;
  }
  return { rewritten, copied, compiledSites, referenceSites, diagnostics };
}

/** The program's own (not declaration) source file at `file`, if the program has one. */
function programFile(program: ts.Program, file: string): ts.SourceFile | undefined {
  const sourceFile = program.getSourceFile(file);
  return sourceFile === undefined || sourceFile.isDeclarationFile ? undefined : sourceFile;
}

/** Every file below `root`, in a stable order, leaving out `node_modules` and the output tree itself. */
function filesUnder(root: string, excluded: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && full !== excluded) walk(full);
      } else if (entry.isFile()) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files;
}
