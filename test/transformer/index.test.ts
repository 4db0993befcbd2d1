import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import tsvmapPlugin, { VmapTransformError, vmapTransformer } from "../../transformer/index";

// The fixtures' configuration maps `tsvmap` to this repository's runtime sources.
const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const parsed = ts.getParsedCommandLineOfConfigFile(`${fixtures}tsconfig.json`, undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
})!;
const refusedFile = `${fixtures}errors/non-literal-in-axes.ts`;
const compiledFile = `${fixtures}scalar-arith/input.ts`;
const program = ts.createProgram([refusedFile, compiledFile], { ...parsed.options, noEmit: false });

function emitJavaScript(fileName: string, transformer: ts.TransformerFactory<ts.SourceFile>): string {
  let javascript = "";
  program.emit(
    program.getSourceFile(fileName),
    (outputName, text) => {
      if (outputName.endsWith(".js")) javascript = text;
    },
    undefined,
    false,
    { before: [transformer] },
  );
  return javascript;
}

describe("vmapTransformer", () => {
  it("compiles a site with no options at all, loading TypeScript itself", () => {
    expect(emitJavaScript(compiledFile, vmapTransformer(program))).toContain('require("tsvmap/runtime")');
  });

  it("without addDiagnostic, throws the file's refusals once the file is transformed", () => {
    let thrown: unknown;
    try {
      emitJavaScript(refusedFile, vmapTransformer(program, { ts }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VmapTransformError);
    const { diagnostics, message } = thrown as VmapTransformError;
    expect(diagnostics.map((d) => d.code)).toEqual([9002]);
    expect(message).toMatch(/^tsvmap refused 1 vmap call site\(s\):\n.*non-literal-in-axes\.ts:5:\d+ - error TSVMAP9002: /);
  });

  it("with addDiagnostic, reports instead and emits the refused call as written", () => {
    const reported: ts.Diagnostic[] = [];
    const javascript = emitJavaScript(refusedFile, vmapTransformer(program, { ts, addDiagnostic: (d) => reported.push(d) }));
    expect(reported.map((d) => d.code)).toEqual([9002]);
    expect(javascript).toContain("(0, tsvmap_1.vmap)((x) => x * 2, { inAxes: axis })");
  });
});

describe("the ts-patch entry", () => {
  it("hands refusals to ts-patch's addDiagnostic, using ts-patch's TypeScript", () => {
    const reported: ts.Diagnostic[] = [];
    const transformer = tsvmapPlugin(program, {}, { ts, addDiagnostic: (d) => reported.push(d) });
    emitJavaScript(refusedFile, transformer);
    expect(reported).toHaveLength(1);
    expect(reported[0].category).toBe(ts.DiagnosticCategory.Error);
    expect(reported[0].file?.fileName).toBe(refusedFile);
  });
});
