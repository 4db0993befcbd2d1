import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The one example project every tool builds (tspc, the bundlers, vitest,
 * `tsvmap build` + tsx, bun, swc and TypeScript 7): an ES module package
 * written for `module: nodenext` (imports end in `.js`). The per-example
 * functions live in their own modules, one reached through a re-export;
 * `src/results.ts` has four `vmap` sites (options, a nested vmap, an arrow
 * function) and computes each beside `vmap.reference` of the same function;
 * `src/main.ts` prints that as JSON. `extra/refused.ts` holds a site the
 * transformer refuses, outside `src`; `extra/mixed.ts` runs it beside a site
 * that compiles.
 */
export const exampleSources: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "example-user", private: true, type: "module" }),
  "tsconfig.json": JSON.stringify(
    {
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, types: [], rootDir: "src", outDir: "out", skipLibCheck: true },
      include: ["src"],
    },
    null,
    2,
  ),
  "src/kernels/norms.ts": `import { np, type Tensor } from "tsvmap";

/** One example's squared norm. */
export function squaredNorm(vector: Tensor): number {
  return np.sum(np.square(vector));
}

export function distance(a: Tensor, b: Tensor): number {
  return np.sqrt(squaredNorm(np.sub(a, b)));
}
`,
  "src/kernels/index.ts": `export { distance, squaredNorm } from "./norms.js";
`,
  "src/model.ts": `import { np, type Tensor } from "tsvmap";
import { squaredNorm } from "./kernels/index.js";

export function score(example: Tensor, weights: Tensor): number {
  const centered = np.sub(example, np.mean(example));
  return np.sqrt(squaredNorm(centered)) + np.sum(np.mul(centered, weights));
}
`,
  "src/results.ts": `import { np, vmap, type Tensor } from "tsvmap";
import { distance, squaredNorm } from "./kernels/index.js";
import { score } from "./model.js";

// Formatting, comments and types here must survive the prebuild.
const examples: Tensor = np.array([[1, 2, 3], [4, 5, 9], [0, -1, 2], [3, 3, 3], [2.5, -7, 0.25]]);
const weights = np.array([0.5, -1, 2]);

const norms = vmap(squaredNorm);
const scores = vmap(score, { inAxes: [0, null] });
const distancesFrom = (a: Tensor, points: Tensor): Tensor => vmap(distance, { inAxes: [null, 0] })(a, points);
const pairwise = vmap(distancesFrom, { inAxes: [0, null] });

/** Each batched function's result, compiled and by \`vmap.reference\`, as plain arrays. */
export function results(): Record<string, [unknown, unknown]> {
  return {
    norms: [norms(examples).toArray(), vmap.reference(squaredNorm)(examples).toArray()],
    scores: [scores(examples, weights).toArray(), vmap.reference(score, { inAxes: [0, null] })(examples, weights).toArray()],
    pairwise: [pairwise(examples, examples).toArray(), vmap.reference(distancesFrom, { inAxes: [0, null] })(examples, examples).toArray()],
  };
}

export function printResults(): void {
  console.log(JSON.stringify(results()));
}
`,
  "src/main.ts": `import { printResults } from "./results.js";

printResults();
`,
  "src/data/notes.txt": "not TypeScript: copied as it is\n",
  "extra/refused.ts": `import { np, vmap, type Tensor } from "tsvmap";

let calls = 0;
function counted(vector: Tensor): number {
  calls += 1;
  return np.sum(vector);
}
export const total = vmap(counted);
`,
  "extra/mixed.ts": `import { np, vmap, type Tensor } from "tsvmap";
import { total } from "./refused.js";

const squaredNorm = (vector: Tensor): number => np.sum(np.square(vector));
const norms = vmap(squaredNorm);
const batch = np.array([[1, 2], [3, 4], [5, 6]]);

// The site of \`total\` is refused; under onUnsupported "reference" it runs as vmap.reference.
console.log(JSON.stringify({ norms: [norms(batch).toArray(), vmap.reference(squaredNorm)(batch).toArray()], totals: [total(batch).toArray(), np.sum(batch, 1).toArray()] }));
`,
};

/** How many `vmap` sites `tsvmap build src` compiles in the example, and in how many files. */
export const exampleSites = { sites: 4, files: 1 };

/** Where the refused site's diagnostic must point: `refused.ts:line:column` of `calls += 1`, 1-based. */
export function refusedLocation(): string {
  const lines = exampleSources["extra/refused.ts"].split("\n");
  const line = lines.findIndex((text) => text.includes("calls += 1"));
  return `refused.ts:${line + 1}:${lines[line].indexOf("calls") + 1}`;
}

/** What `extra/mixed.ts` prints, each result beside what it must equal. */
export type MixedResults = Record<"norms" | "totals", [unknown, unknown]>;

/** Writes the example project, with `extra` files (a bundler config), into a fresh folder of the tools project. */
export function writeExample(toolsProject: string, name: string, extra: Readonly<Record<string, string>> = {}): string {
  const dir = fs.mkdtempSync(path.join(toolsProject, `${name}-`));
  for (const [relative, text] of Object.entries({ ...exampleSources, ...extra })) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
  return dir;
}

/** What the example prints: each batched function's compiled result and its reference. */
export type PrintedResults = Record<string, [unknown, unknown]>;

/** The last line a run of the example printed, parsed. */
export function printedResults(stdout: string): PrintedResults {
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PrintedResults;
}
