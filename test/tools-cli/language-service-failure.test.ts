import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { createTempProject } from "../transformer/project";
import { repository } from "./example-project";

// The plugin must never break the editor: here the TypeScript it is handed fails inside the analysis.
const init = require(`${repository}dist/transformer/language-service.js`) as (modules: { typescript: typeof ts }) => {
  create(info: ts.server.PluginCreateInfo): ts.LanguageService;
};

const project = createTempProject({
  "src/refused.ts": 'import { vmap } from "tsvmap";\nexport const along = (axis: number) => vmap((x: number) => x, { inAxes: axis });\n',
});
afterAll(() => project.remove());

it("logs a failure inside the plugin and returns the normal results", () => {
  const fileName = project.file("src/refused.ts");
  const options: ts.CompilerOptions = { strict: true, types: [], noEmit: true };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [fileName],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
    getCurrentDirectory: () => project.dir,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
  };
  const languageService = ts.createLanguageService(host);
  const logged: string[] = [];
  const failing = { ...ts, transform: () => { throw new Error("transform exploded"); } } as typeof ts;
  const info = { languageService, project: { projectService: { logger: { info: (text: string) => logged.push(text) } } } } as unknown as ts.server.PluginCreateInfo;
  const withPlugin = init({ typescript: failing }).create(info);

  const normal = languageService.getSemanticDiagnostics(fileName).map((d) => d.code);
  expect(withPlugin.getSemanticDiagnostics(fileName).map((d) => d.code)).toEqual(normal);
  expect(withPlugin.getQuickInfoAtPosition(fileName, 72)?.displayString).toBe(languageService.getQuickInfoAtPosition(fileName, 72)?.displayString);
  expect(logged).toEqual([
    expect.stringMatching(/^tsvmap\/language-service: getSemanticDiagnostics failed, normal results returned: Error: transform exploded/),
    expect.stringMatching(/^tsvmap\/language-service: getQuickInfoAtPosition failed/),
  ]);
});
