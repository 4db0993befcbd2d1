import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { comparePytrees } from "../harness/compare";
import { exampleSources, printedResults, type PrintedResults } from "./example-sources";

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command args` in `cwd` (with `env` added to the environment) without blocking the test worker. */
export function runCommand(command: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs `node args` in `cwd`. */
export function runNode(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<Run> {
  return runCommand(process.execPath, args, cwd, env);
}

/**
 * Checks what one tool's build of the example computed: each compiled result
 * agrees with `vmap.reference`, and is exactly what the `tspc` build computed
 * (`tspcResults`, from the global setup).
 */
export function expectSameAsTspc(printed: PrintedResults, tspcResults: PrintedResults): void {
  expect(Object.keys(printed)).toEqual(Object.keys(tspcResults));
  for (const [name, [compiled, reference]] of Object.entries(printed)) {
    expect(comparePytrees(compiled, reference), name).toEqual([]);
    expect(compiled, name).toEqual(tspcResults[name][0]);
  }
}

/** Checks a run of a built example: it exits 0, warns of no uncompiled site, and prints what the tspc build does. */
export function expectRunLikeTspc(run: Run, tspcResults: PrintedResults): void {
  expect(run.stdout + run.stderr).not.toContain("not compiled");
  expect(run.status, run.stderr).toBe(0);
  expectSameAsTspc(printedResults(run.stdout), tspcResults);
}

/** A call of tsvmap's `vmap` left in a bundle: `vmap(`, `vmap)(` or `.vmap(`, but not the runtime's `function vmap(`. */
export const vmapCall = /(?<!function\s*)\bvmap\)?\s*\(/;

/** Checks a built bundle end to end: no `vmap(...)` call is left in it, and node runs it as the tspc build runs. */
export async function expectCompiledBundle(bundle: string, cwd: string, tspcResults: PrintedResults): Promise<void> {
  const code = fs.readFileSync(bundle, "utf8");
  expect(code.match(vmapCall)?.[0]).toBeUndefined();
  expectRunLikeTspc(await runNode([bundle], cwd), tspcResults);
}

/**
 * Checks that the bundle's source map (`bundle.map`) leads from the compiled
 * code back to the TypeScript source: the last `JSON.stringify` in the
 * bundle (the runtime's come first) maps to the line of src/results.ts,
 * the file tsvmap compiled, that prints.
 */
export function expectMapsToSource(bundle: string): void {
  const code = fs.readFileSync(bundle, "utf8").split("\n");
  const line = code.findLastIndex((text) => text.includes("JSON.stringify"));
  const origin = originalPositionFor(new TraceMap(fs.readFileSync(`${bundle}.map`, "utf8")), { line: line + 1, column: code[line].indexOf("JSON.stringify") });
  const source = exampleSources["src/results.ts"].split("\n");
  expect(origin.source).toMatch(/src\/results\.ts$/);
  expect(origin.line).toBe(source.findIndex((text) => text.includes("JSON.stringify")) + 1);
}
