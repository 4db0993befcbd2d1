import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { createTempProject, type TempProject } from "../transformer/project";

export const repository = fileURLToPath(new URL("../..", import.meta.url));
export const modules = path.join(repository, "node_modules");
export const cli = path.join(repository, "dist/transformer/cli.js");

/**
 * A user's ES module project: per-example functions in one file, vmap call
 * sites in another, and a program that prints each compiled result beside
 * `vmap.reference` of the same function, so a run checks itself.
 */
export const exampleSources: Readonly<Record<string, string>> = {
  "src/kernels.ts": `import { np, type Tensor } from "tsvmap";

/** One example's squared norm. */
export function sumOfSquares(vector: Tensor): number {
  return np.sum(np.square(vector));
}

export function distance(a: Tensor, b: Tensor): number {
  return np.sqrt(np.sum(np.square(np.sub(a, b))));
}
`,
  "src/main.ts": `import { np, vmap, type Tensor } from "tsvmap";
import { distance, sumOfSquares } from "./kernels.js";

// Formatting, comments and types here must survive the prebuild.
const batch: Tensor = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 0]]);
const norms = vmap(sumOfSquares);
const distancesFrom = (a: Tensor, points: Tensor): Tensor => vmap(distance, { inAxes: [null, 0] })(a, points);
const pairwise = vmap(distancesFrom, { inAxes: [0, null] });
const points = np.array([[0, 0], [3, 4], [6, 8]]);

const results = {
  norms: [norms(batch).toArray(), vmap.reference(sumOfSquares)(batch).toArray()],
  pairwise: [pairwise(points, points).toArray(), vmap.reference(distancesFrom, { inAxes: [0, null] })(points, points).toArray()],
};
console.log(JSON.stringify(results));
`,
  "src/data/notes.txt": "not TypeScript: copied as it is\n",
};

/** The example with tsvmap installed as a link to this checkout (as `npm link` makes it). */
export function createExampleProject(extra: Readonly<Record<string, string>> = {}): TempProject {
  const project = createTempProject({
    "package.json": JSON.stringify({ name: "user-app", private: true, type: "module" }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", moduleResolution: "nodenext", strict: true, types: [], rootDir: "src", outDir: "out", skipLibCheck: true },
      include: ["src"],
    }),
    ...exampleSources,
    ...extra,
  });
  fs.mkdirSync(project.file("node_modules"), { recursive: true });
  fs.symlinkSync(repository, project.file("node_modules/tsvmap"), "dir");
  return project;
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tsvmap(args: readonly string[], cwd: string): Run {
  return run(process.execPath, [cli, ...args], cwd);
}

/** Checks a run of the example's program: it exits 0, warns nothing, and each compiled result equals its reference. */
export function compiledAgreesWithReference(result: Run): { compiled: unknown[]; reference: unknown[]; problems: string[] } {
  const problems: string[] = [];
  if (result.status !== 0) problems.push(`exit code ${result.status}`);
  if (result.stderr !== "") problems.push(`stderr: ${result.stderr}`);
  const printed = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, [unknown, unknown]>;
  const entries = Object.values(printed);
  if (entries.length === 0) problems.push(`nothing printed: ${result.stdout}`);
  return { compiled: entries.map(([compiled]) => compiled), reference: entries.map(([, reference]) => reference), problems };
}
