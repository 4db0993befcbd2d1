import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { comparePytrees } from "../harness/compare";

/**
 * A small user project in the spirit of examples/seed: a per-example function
 * in its own module that calls a helper from another file through a
 * re-export, and a `vmap` call with options. The program prints the compiled
 * result beside `vmap.reference` of the same function, as JSON.
 */
export const exampleSources: Readonly<Record<string, string>> = {
  "src/kernels/norms.ts": `import { np, type Tensor } from "tsvmap";

export function squaredNorm(vector: Tensor): number {
  return np.sum(np.square(vector));
}
`,
  "src/kernels/index.ts": `export { squaredNorm } from "./norms";
`,
  "src/model.ts": `import { np, type Tensor } from "tsvmap";
import { squaredNorm } from "./kernels";

export function score(example: Tensor, weights: Tensor): number {
  const centered = np.sub(example, np.mean(example));
  return np.sqrt(squaredNorm(centered)) + np.sum(np.mul(centered, weights));
}
`,
  "src/main.ts": `import { np, vmap } from "tsvmap";
import { score } from "./model";

const examples = np.array([[1, 2, 3], [4, 5, 9], [0, -1, 2], [3, 3, 3], [2.5, -7, 0.25]]);
const weights = np.array([0.5, -1, 2]);
const compiled = vmap(score, { inAxes: [0, null] });
const reference = vmap.reference(score, { inAxes: [0, null] });
console.log(JSON.stringify({ compiled: compiled(examples, weights).toArray(), reference: reference(examples, weights).toArray() }));
`,
  "src/refused.ts": `import { np, vmap, type Tensor } from "tsvmap";

let calls = 0;
function counted(vector: Tensor): number {
  calls += 1;
  return np.sum(vector);
}
export const total = vmap(counted);
`,
  "tsconfig.json": JSON.stringify(
    { compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", strict: true, types: [], skipLibCheck: true }, include: ["src"] },
    null,
    2,
  ),
};

/** Where the refused site's diagnostic must point: `src/refused.ts:line:column` of `calls += 1`, 1-based. */
export function refusedLocation(): string {
  const lines = exampleSources["src/refused.ts"].split("\n");
  const line = lines.findIndex((text) => text.includes("calls += 1"));
  return `refused.ts:${line + 1}:${lines[line].indexOf("calls") + 1}`;
}

/** Writes the example project, with `extra` files (a bundler config), into a fresh folder of the tools project. */
export function writeExample(toolsProject: string, name: string, extra: Readonly<Record<string, string>> = {}): string {
  const dir = fs.mkdtempSync(path.join(toolsProject, `${name}-`));
  for (const [relative, text] of Object.entries({ ...exampleSources, ...extra })) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
  return dir;
}

export interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node args` in `cwd` (with `env` added to the environment) without blocking the test worker. */
export function runNode(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ status, stdout, stderr });
    });
  });
}

/** A call of tsvmap's `vmap` left in a bundle: `vmap(`, `vmap)(` or `.vmap(`, but not the runtime's `function vmap(`. */
const vmapCall = /(?<!function\s*)\bvmap\)?\s*\(/;

/**
 * Checks a built bundle end to end: it has no `vmap(...)` call left, and
 * running it with node prints the same results as `vmap.reference`, with no
 * "not compiled" warning.
 */
export async function expectCompiledBundle(bundle: string, cwd: string): Promise<void> {
  const code = fs.readFileSync(bundle, "utf8");
  expect(code.match(vmapCall)?.[0]).toBeUndefined();
  const run = await runNode([bundle], cwd);
  expect(run.stderr).not.toContain("not compiled");
  expect(run.stdout).not.toContain("not compiled");
  expect(run.status, run.stderr).toBe(0);
  const printed = JSON.parse(run.stdout.trim().split("\n").pop()!) as { compiled: number[]; reference: number[] };
  expect(printed.compiled).toHaveLength(5);
  expect(comparePytrees(printed.compiled, printed.reference)).toEqual([]);
}

/**
 * Checks that the bundle's source map (`bundle.map`) leads from the compiled
 * code back to the TypeScript source: the last `JSON.stringify` in the
 * bundle (the runtime's come first) maps to the output line of src/main.ts.
 */
export function expectMapsToSource(bundle: string): void {
  const code = fs.readFileSync(bundle, "utf8").split("\n");
  const line = code.findLastIndex((text) => text.includes("JSON.stringify"));
  const origin = originalPositionFor(new TraceMap(fs.readFileSync(`${bundle}.map`, "utf8")), { line: line + 1, column: code[line].indexOf("JSON.stringify") });
  const main = exampleSources["src/main.ts"].split("\n");
  expect(origin.source).toMatch(/src\/main\.ts$/);
  expect(origin.line).toBe(main.findIndex((text) => text.includes("JSON.stringify")) + 1);
}
