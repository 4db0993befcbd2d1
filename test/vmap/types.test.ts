import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** The compiler options of the project's tsconfig.json, so the usage is checked as users' code would be. */
function projectOptions(): ts.CompilerOptions {
  const configPath = path.join(root, "tsconfig.json");
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return { ...ts.parseJsonConfigFileContent(config, ts.sys, root).options, noEmit: true };
}

function format(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${path.relative(root, diagnostic.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
}

describe("the types of vmap", () => {
  it("type-check the typed usage file: expected types hold and refused calls are refused", () => {
    const usage = path.join(__dirname, "types", "batched-usage.ts");
    const program = ts.createProgram([usage], projectOptions());
    expect(ts.getPreEmitDiagnostics(program).map(format)).toEqual([]);
  }, 60_000);
});
