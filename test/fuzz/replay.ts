import * as fs from "node:fs";
import * as path from "node:path";
import { BatchCompiler, generatedDirectory } from "./compile";
import { type Verdict, judge } from "./execute";

/** Every `input.ts` at or below `root` (a file is taken as it is). */
function inputFiles(root: string): string[] {
  if (!fs.statSync(root).isDirectory()) return [root];
  return fs.readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) return inputFiles(full);
    return entry.name === "input.ts" ? [full] : [];
  });
}

/**
 * Judges saved programs (reproducers in fixtures/fuzz-found/, or programs
 * copied from a run's log) on the code as it is now, all in one `ts.Program`.
 * Each is compiled as if it lived in fixtures/fuzz-found/, so its imports of
 * the test harness resolve wherever the file is.
 */
export function replay(roots: readonly string[]): { readonly file: string; readonly verdict: Verdict }[] {
  const files = roots.flatMap(inputFiles);
  const sources = files.map((file, i) => ({ fileName: path.join(generatedDirectory, `replay${i}.ts`), text: fs.readFileSync(file, "utf8") }));
  return new BatchCompiler().compile(sources).map((compiled, i) => ({ file: files[i], verdict: judge(compiled) }));
}
