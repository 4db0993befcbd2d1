import type * as ts from "typescript";
import { analyzeFile, type FileAnalysis } from "./analyze";

/**
 * The tsserver plugin (`{ "plugins": [{ "name": "tsvmap/language-service" }] }`
 * in tsconfig.json): TSVMAP diagnostics as you type, and on hover over a
 * `vmap(...)` call the code it compiles to, or why it does not. Whatever goes
 * wrong inside is logged and the editor gets its normal answers.
 */
function init({ typescript }: { typescript: typeof ts }): { create(info: ts.server.PluginCreateInfo): ts.LanguageService } {
  return { create: (info) => withTsvmap(typescript, info) };
}

function withTsvmap(tsModule: typeof ts, info: ts.server.PluginCreateInfo): ts.LanguageService {
  const service = info.languageService;
  const analyses = new WeakMap<ts.Program, Map<string, FileAnalysis>>();

  /** The analysis of `fileName` in the current program: a program is new whenever any file changed, so it is computed once per version of the files. */
  function analysisOf(fileName: string): { file: ts.SourceFile; analysis: FileAnalysis } | undefined {
    const program = service.getProgram();
    const file = program?.getSourceFile(fileName);
    // A file that never says `vmap` has no site: not worth a transformation on every keystroke.
    if (program === undefined || file === undefined || file.isDeclarationFile || !file.text.includes("vmap")) return undefined;
    let perFile = analyses.get(program);
    if (perFile === undefined) analyses.set(program, (perFile = new Map()));
    let analysis = perFile.get(fileName);
    if (analysis === undefined) perFile.set(fileName, (analysis = analyzeFile(tsModule, program, file)));
    return { file, analysis };
  }

  function guarded<T>(what: string, normal: T, extend: () => T): T {
    try {
      return extend();
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      info.project.projectService.logger.info(`tsvmap/language-service: ${what} failed, normal results returned: ${detail}`);
      return normal;
    }
  }

  const proxy: ts.LanguageService = Object.create(null);
  for (const key of Object.keys(service) as (keyof ts.LanguageService)[]) {
    const method = service[key] as (...args: unknown[]) => unknown;
    (proxy as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => method.apply(service, args);
  }

  proxy.getSemanticDiagnostics = (fileName) => {
    const normal = service.getSemanticDiagnostics(fileName);
    return guarded("getSemanticDiagnostics", normal, () => {
      const found = analysisOf(fileName);
      if (found === undefined) return normal;
      const refusals = found.analysis.sites.flatMap((site) => (site.refusal === undefined ? [] : [inFile(tsModule, site.refusal, site.call, found.file)]));
      return [...normal, ...refusals];
    });
  };

  proxy.getQuickInfoAtPosition = (fileName, position, ...rest) => {
    const normal = service.getQuickInfoAtPosition(fileName, position, ...rest);
    return guarded("getQuickInfoAtPosition", normal, () => {
      const found = analysisOf(fileName);
      const site = found?.analysis.sites.find(({ call }) => call.expression.getStart(found.file) <= position && position < call.expression.end);
      if (found === undefined || site === undefined) return normal;
      const start = site.call.getStart(found.file);
      const base: ts.QuickInfo = normal ?? { kind: tsModule.ScriptElementKind.unknown, kindModifiers: "", textSpan: { start, length: site.call.end - start } };
      return { ...base, documentation: [...(base.documentation ?? []), { kind: "text", text: hoverText(tsModule, site) }] };
    });
  };

  return proxy;
}

function hoverText(tsModule: typeof ts, site: { code: string | undefined; refusal: ts.Diagnostic | undefined }): string {
  if (site.code !== undefined) return `tsvmap compiles this call to:\n\`\`\`ts\n${site.code}\n\`\`\``;
  const why = site.refusal === undefined ? "" : `: ${tsModule.flattenDiagnosticMessageText(site.refusal.messageText, "\n")}`;
  return `tsvmap does not compile this call${why}`;
}

/** A refusal shown in the file of its call: one found in another file (where the per-example function is) is moved to the call, naming that place. */
function inFile(tsModule: typeof ts, refusal: ts.Diagnostic, call: ts.CallExpression, file: ts.SourceFile): ts.Diagnostic {
  if (refusal.file?.fileName === file.fileName || refusal.file === undefined || refusal.start === undefined) return refusal;
  const { line, character } = refusal.file.getLineAndCharacterOfPosition(refusal.start);
  const message = tsModule.flattenDiagnosticMessageText(refusal.messageText, "\n");
  const start = call.getStart(file);
  return { ...refusal, file, start, length: call.end - start, messageText: `${message} (in ${refusal.file.fileName}:${line + 1}:${character + 1})` };
}

export = init;
