import * as fs from "node:fs";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createFileSystemProbes } from "../../transformer/hosts/file-system-probes";
import { createProjectHost, createProjectRegistry } from "../../transformer/hosts/language-host";
import { createModuleCompiler } from "../../transformer/hosts/module-compiler";
import { createRecorder } from "../../transformer/hosts/preparsed-registry";
import { createTempProject, installedTsvmap } from "../transformer/project";

const project = createTempProject({
  ...installedTsvmap,
  "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], strict: true, types: [] } }),
  "src/globals.d.ts": "declare const scale: number;\n",
  "src/main.ts": 'import { vmap } from "tsvmap";\nexport const scaled = vmap((x: number) => x * scale);\n',
});
afterAll(() => project.remove());

const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts", "lib.dom.d.ts"], strict: true, types: [] };
const roots = [project.file("src/globals.d.ts"), project.file("src/main.ts")];
const hostOver = (registry: ts.DocumentRegistry, knownSnapshot?: (fileName: string) => ts.IScriptSnapshot | undefined) =>
  createProjectHost(ts, options, roots, project.dir, registry, createFileSystemProbes(), knownSnapshot);

describe("files parsed ahead of time (the compiler snapshot's)", () => {
  it("are the very SourceFiles a later program gets, lib files and declarations alike, where the file is unchanged", () => {
    const recorder = createRecorder();
    const recorded = hostOver(recorder.recording.registry(createProjectRegistry(ts))).program();
    const preparsed = recorder.preparsed(project.file("src/main.ts"));
    const later = hostOver(preparsed.registry(createProjectRegistry(ts)), preparsed.snapshotOf).program();
    const libFiles = later.getSourceFiles().filter((file) => later.isSourceFileDefaultLibrary(file));
    expect(libFiles.length).toBeGreaterThan(10);
    for (const file of libFiles) expect(file, file.fileName).toBe(recorded.getSourceFile(file.fileName));
    expect(later.getSourceFile(roots[0])).toBe(recorded.getSourceFile(roots[0]));
    expect(preparsed.snapshotOf(roots[0])).toBeDefined();
    // The file left out is parsed anew.
    expect(later.getSourceFile(roots[1])).not.toBe(recorded.getSourceFile(roots[1]));
  });

  it("stay in the programs that follow as the served module is edited: no lib file is parsed again", () => {
    const recorder = createRecorder();
    const recorded = hostOver(recorder.recording.registry(createProjectRegistry(ts))).program();
    const preparsed = recorder.preparsed(project.file("src/main.ts"));
    const host = hostOver(preparsed.registry(createProjectRegistry(ts)), preparsed.snapshotOf);
    host.program();
    host.serve(roots[1], `${fs.readFileSync(roots[1], "utf8")}// edited\n`);
    const edited = host.program();
    expect(edited.getSourceFile(roots[1])?.text).toContain("// edited");
    const libFiles = edited.getSourceFiles().filter((file) => edited.isSourceFileDefaultLibrary(file));
    expect(libFiles.length).toBeGreaterThan(10);
    for (const file of libFiles) expect(file, file.fileName).toBe(recorded.getSourceFile(file.fileName));
    expect(edited.getSourceFile(roots[0])).toBe(recorded.getSourceFile(roots[0]));
  });

  it("give way to the file on disk once it changed, and a program sees its new text", () => {
    const recorder = createRecorder();
    hostOver(recorder.recording.registry(createProjectRegistry(ts))).program();
    const preparsed = recorder.preparsed(project.file("src/main.ts"));
    fs.writeFileSync(roots[0], "declare const scale: string;\n");
    try {
      expect(preparsed.snapshotOf(roots[0])).toBeUndefined();
      const later = hostOver(preparsed.registry(createProjectRegistry(ts)), preparsed.snapshotOf).program();
      expect(later.getSourceFile(roots[0])?.text).toBe("declare const scale: string;\n");
      const errors = later.getSemanticDiagnostics(later.getSourceFile(roots[1])).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      expect(errors.join("\n")).toContain("The right-hand side of an arithmetic operation must be of type");
    } finally {
      fs.writeFileSync(roots[0], "declare const scale: number;\n");
    }
  });

  it("are not taken for a program whose options parse differently", () => {
    const recorder = createRecorder();
    const recorded = hostOver(recorder.recording.registry(createProjectRegistry(ts))).program();
    const preparsed = recorder.preparsed(project.file("src/main.ts"));
    const es2020 = createProjectHost(ts, { ...options, target: ts.ScriptTarget.ES2020 }, roots, project.dir, preparsed.registry(createProjectRegistry(ts)), createFileSystemProbes(), preparsed.snapshotOf).program();
    const libFile = es2020.getSourceFiles().find((file) => es2020.isSourceFileDefaultLibrary(file))!;
    expect(libFile).not.toBe(recorded.getSourceFile(libFile.fileName));
    expect(libFile.languageVersion).toBe(ts.ScriptTarget.ES2020);
  });

  it("give a module compiler the output it gives without them", () => {
    const recorder = createRecorder();
    const main = project.file("src/main.ts");
    const text = fs.readFileSync(main, "utf8");
    createModuleCompiler(project.file("tsconfig.json"), {}, recorder.recording).compile(main, text);
    const withPreparsed = createModuleCompiler(project.file("tsconfig.json"), {}, recorder.preparsed("")).compile(main, text);
    const without = createModuleCompiler(project.file("tsconfig.json")).compile(main, text);
    expect(withPreparsed?.output?.code).toContain("tsvmap/runtime");
    expect(withPreparsed).toEqual(without);
  });
});
