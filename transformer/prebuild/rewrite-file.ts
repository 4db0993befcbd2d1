import * as path from "node:path";
import type * as ts from "typescript";
import type { AnalyzedSite } from "../analyze";
import { encodeSourceMap, type SourceMapV3 } from "./source-map";
import { splice, type Edit } from "./splice";

/** One file of the prebuild with its compiled sites spliced in. */
export interface RewrittenFile {
  readonly text: string;
  readonly sourceMap: SourceMapV3;
}

/** Where the compiled code finds the batched primitives, as the transformer's own import names it. */
const runtimeModule = "tsvmap/runtime";
/** The name the transformer gives the runtime namespace when the file does not already use it. */
const defaultRuntimeName = "tsvmap_runtime";

/**
 * `sourceFile`'s text with each compiled site's call replaced by
 * `<runtime>.compiledAs(() => <the call>, ((<runtime>: any) => <compiled code>)(<runtime>))`:
 * the call's type is kept while only the compiled code runs, and inside the
 * compiled code the runtime is untyped like the rest of it (see
 * `printTypedReplacement`); a site without code (refused, under
 * `onUnsupported: "reference"`) gets `.reference` after its callee. Plus one
 * namespace import of the runtime per name the compiled code uses. Everything else is kept byte
 * for byte. `outFile` is where the text will be written, for the source map.
 */
export function rewriteFile(tsModule: typeof ts, sourceFile: ts.SourceFile, sites: readonly AnalyzedSite[], outFile: string): RewrittenFile {
  const original = sourceFile.text;
  const runtimeNames = new Set<string>();
  const siteEdits: Edit[] = [];
  for (const { call, code } of sites) {
    if (code === undefined) {
      // A refused site under onUnsupported "reference": `vmap(f, options)` becomes `vmap.reference(f, options)`, typed alike.
      siteEdits.push({ start: call.expression.end, end: call.expression.end, text: ".reference" });
      continue;
    }
    const used = runtimeNamesIn(code);
    used.forEach((name) => runtimeNames.add(name));
    const runtime = used[0] ?? defaultRuntimeName;
    runtimeNames.add(runtime);
    const start = call.getStart(sourceFile);
    const indentation = indentationOfLineAt(original, start);
    const compiled = code.replace(/\n/g, `\n${indentation}`);
    siteEdits.push({ start, end: call.end, text: `${runtime}.compiledAs(() => ${original.slice(start, call.end)}, ((${runtime}: any) => ${compiled})(${runtime}))` });
  }
  const imports = [...runtimeNames].map((name) => `import * as ${name} from "${runtimeModule}";`);
  // A compiled site nested in the arguments of a refused one comes after it in the file.
  siteEdits.sort((a, b) => a.start - b.start);
  const edits = imports.length === 0 ? siteEdits : [importEdit(tsModule, sourceFile, imports), ...siteEdits];
  const mapFile = `${path.basename(outFile)}.map`;
  const spliced = splice(original, edits);
  const source = path.relative(path.dirname(outFile), sourceFile.fileName).split(path.sep).join("/");
  return {
    text: `${spliced.text}${original.endsWith("\n") ? "" : "\n"}//# sourceMappingURL=${mapFile}\n`,
    sourceMap: encodeSourceMap(path.basename(outFile), source, original, spliced.mappings),
  };
}

/** The namespace names in `code` that reference the runtime: `tsvmap_runtime`, or `tsvmap_runtime_1` where the file took that name. */
function runtimeNamesIn(code: string): string[] {
  return [...new Set(code.match(new RegExp(`\\b${defaultRuntimeName}(?:_\\d+)?(?=\\.)`, "g")) ?? [])];
}

/** The runtime imports go on their own line after the file's leading imports, or first in the file (after a `#!` line). */
function importEdit(tsModule: typeof ts, sourceFile: ts.SourceFile, imports: readonly string[]): Edit {
  const statements = sourceFile.statements;
  let leadingImports = 0;
  while (leadingImports < statements.length && tsModule.isImportDeclaration(statements[leadingImports])) leadingImports++;
  const last = statements[leadingImports - 1];
  if (last !== undefined) return { start: last.end, end: last.end, text: imports.map((line) => `\n${line}`).join("") };
  const shebang = /^#!.*\n/.exec(sourceFile.text);
  const at = shebang === null ? 0 : shebang[0].length;
  return { start: at, end: at, text: imports.map((line) => `${line}\n`).join("") };
}

function indentationOfLineAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, position))?.[0] ?? "";
}
