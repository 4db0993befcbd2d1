// `npm run bench:plugin`: what the tsvmap plugin adds to a build that has no vmap. A synthetic
// 200-file project (classes, generics, imports between files, many calls) is built with plain `tsc`,
// with ts-patch's `tspc` and no plugin, and with `tspc` and the tsvmap plugin, interleaved round by
// round; then the same in process (one ts.Program, emit with and without vmapTransformer).
// Prints medians and ratios as Markdown (npm run bench puts them in RESULTS.md). A benchmark, not a
// test: nothing here asserts a time.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

const repository = path.resolve(import.meta.dirname, "..");
const ts = createRequire(path.join(repository, "package.json"))("typescript");
const pluginEntry = path.join(repository, "dist/transformer/index.js");
if (!fs.existsSync(pluginEntry)) throw new Error("dist/transformer/index.js is missing: run `npm run build` first");
const { vmapTransformer } = await import(pluginEntry);

const fileCount = 200;
const rounds = Number(process.env.ROUNDS ?? 5);

/** One module of the synthetic project: it imports two earlier ones and calls into them. */
function moduleText(i) {
  const imports = [i - 1, i - 7].filter((j) => j >= 0);
  return [
    ...imports.map((j) => `import { Shape${j}, area${j}, Registry${j} } from "./m${j}";`),
    `export interface Shape${i} { readonly kind: "s${i}"; readonly size: number; readonly tags: readonly string[] }`,
    `export enum Mode${i} { Off, On, Auto }`,
    `export function area${i}(shape: Shape${i}, scale = 2): number {`,
    `  const base = shape.tags.map((tag) => tag.length).reduce((a, b) => a + b, 0);`,
    `  return Math.max(base, shape.size) * scale${imports.map((j) => ` + area${j}({ kind: "s${j}", size: shape.size, tags: shape.tags })`).join("")};`,
    `}`,
    `export class Registry${i}<T extends { id: string }> {`,
    `  private readonly items = new Map<string, T>();`,
    `  add(item: T): this { this.items.set(item.id, item); return this; }`,
    `  get(id: string): T | undefined { return this.items.get(id); }`,
    `  get size(): number { return this.items.size; }`,
    `  *[Symbol.iterator](): Iterator<T> { yield* this.items.values(); }`,
    `}`,
    `export const describe${i} = (mode: Mode${i}, shapes: Shape${i}[]): string =>`,
    "  `${Mode" + i + "[mode]}: ${shapes.filter((s) => s.size > 1).map((s) => area" + i + "(s)).join(\", \")}`;",
    `export async function load${i}(ids: string[]): Promise<Registry${i}<{ id: string; n: number }>> {`,
    `  const registry = new Registry${i}<{ id: string; n: number }>();`,
    `  for (const [n, id] of ids.entries()) registry.add({ id, n: await Promise.resolve(n) });`,
    `  return registry;`,
    `}`,
    "",
  ].join("\n");
}

const project = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-overhead-"));
fs.mkdirSync(path.join(project, "src"));
for (let i = 0; i < fileCount; i++) fs.writeFileSync(path.join(project, "src", `m${i}.ts`), moduleText(i));
const compilerOptions = { target: "ES2022", module: "commonjs", strict: true, rootDir: "src", outDir: "out", skipLibCheck: true, types: [] };
const writeConfig = (name, plugins) =>
  fs.writeFileSync(path.join(project, name), JSON.stringify({ compilerOptions: { ...compilerOptions, ...(plugins ? { plugins } : {}) }, include: ["src"] }));
writeConfig("tsconfig.plain.json");
writeConfig("tsconfig.plugin.json", [{ transform: pluginEntry }]);

const modules = path.join(repository, "node_modules");
const variants = {
  "tsc": [path.join(modules, "typescript/bin/tsc"), "-p", "tsconfig.plain.json"],
  "tspc, no plugin": [path.join(modules, "ts-patch/bin/tspc.js"), "-p", "tsconfig.plain.json"],
  "tspc + tsvmap": [path.join(modules, "ts-patch/bin/tspc.js"), "-p", "tsconfig.plugin.json"],
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, args] of Object.entries(variants)) {
    fs.rmSync(path.join(project, "out"), { recursive: true, force: true });
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: project, encoding: "utf8" });
    times[name].push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${name} failed:\n${result.stdout}${result.stderr}`);
  }
}

// In process: the same program emitted with and without the transformer, alternating.
const inProcess = { plain: [], plugin: [] };
const roots = fs.readdirSync(path.join(project, "src")).map((name) => path.join(project, "src", name));
const options = { ...ts.convertCompilerOptionsFromJson(compilerOptions, project).options, noEmit: false };
for (let round = 0; round < rounds; round++) {
  for (const kind of round % 2 === 0 ? ["plain", "plugin"] : ["plugin", "plain"]) {
    const started = performance.now();
    const program = ts.createProgram(roots, options);
    const transformers = kind === "plugin" ? { before: [vmapTransformer(program, { ts, addDiagnostic: () => {} })] } : undefined;
    program.emit(undefined, () => {}, undefined, false, transformers);
    inProcess[kind].push(performance.now() - started);
  }
}
fs.rmSync(project, { recursive: true, force: true });

const ratio = (a, b) => (median(a) / median(b)).toFixed(3);
console.log(`A ${fileCount}-file project without vmap, each build a fresh process, ${rounds} interleaved rounds (medians):`);
console.log("");
console.log("| build | median ms | × tsc |");
console.log("| --- | ---: | ---: |");
for (const [name, values] of Object.entries(times)) console.log(`| ${name} | ${median(values).toFixed(0)} | ${ratio(values, times.tsc)} |`);
console.log("");
console.log(`tspc + tsvmap / tspc without a plugin: ${ratio(times["tspc + tsvmap"], times["tspc, no plugin"])}. In one process (createProgram + emit, ${rounds} rounds alternating): plain ${median(inProcess.plain).toFixed(0)} ms, with vmapTransformer ${median(inProcess.plugin).toFixed(0)} ms, ratio ${ratio(inProcess.plugin, inProcess.plain)}.`);
