// What the tsvmap plugin adds to a vite build (DESIGN §7: under 10%). A
// generated 200-file project in which one file uses vmap is built with
// `vite build`: without the plugin; with it on a cold start (its on-disk
// cache off, so no compiler server either: TypeScript loads in a worker
// without V8's code cache and compiles the call site); after an edit of the
// call site's file (cache on: the project's compiler server compiles it);
// the same with the server stopped first (the build starts it from the
// compiler snapshot, then waits 3 s, as a user would before the next build,
// while the new server warms up); and with a warm cache (the call site and what it reads
// unchanged since the last build), in alternating rounds so that load from
// elsewhere on the machine lands on all alike; each build is a fresh process,
// as a user's is. Prints the medians and ratios.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const repository = fileURLToPath(new URL("..", import.meta.url));
const fileCount = 200;
const rounds = Number(process.env.ROUNDS ?? 7);
// vite's template has the DOM libs, whose parsing is most of what TypeScript costs; LIB=ES2022 measures without them.
const lib = (process.env.LIB ?? "ES2022,DOM,DOM.Iterable").split(",");

/** One ordinary module: types, a class and a few functions, importing the previous module. */
function plainModule(i) {
  const previous = i === 0 ? "" : `import { Counter${i - 1}, total${i - 1} } from "./module${i - 1}";\n`;
  return `${previous}
export interface Reading${i} {
  readonly label: string;
  readonly values: readonly number[];
  readonly weight?: number;
}

export class Counter${i} {
  private count = 0;
  constructor(readonly name: string) {}
  add(reading: Reading${i}): number {
    this.count += reading.values.length * (reading.weight ?? 1);
    return this.count;
  }
}

export function total${i}(readings: readonly Reading${i}[]): number {
  let sum = ${i === 0 ? "0" : `total${i - 1}([])`};
  for (const reading of readings) sum += reading.values.reduce((a, b) => a + b, 0);
  return sum;
}

export const labels${i}: Record<string, number> = { first: ${i}, second: ${i * 2} };
${i === 0 ? "" : `export const counter${i} = new Counter${i - 1}("module${i}");\n`}`;
}

const batchedModule = `import { np, vmap, type Tensor } from "tsvmap";

function sumOfSquares(vector: Tensor): number {
  return np.sum(np.square(vector));
}

export const batchedSumOfSquares = vmap(sumOfSquares);
`;

function writeProject(dir) {
  const files = {
    "package.json": JSON.stringify({ name: "build-overhead", private: true, type: "module" }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", lib, strict: true, skipLibCheck: true, types: [] },
      include: ["src"],
    }),
    "vite.config.mjs": `import tsvmap from "tsvmap/vite";

// The CPU time of the whole build (all threads of the process), for the bench to read.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  console.error("cpu-ms " + (user + system) / 1000);
});

export default {
  plugins: process.env.TSVMAP === "none" ? [] : [tsvmap({ cache: process.env.TSVMAP !== "cold" })],
  logLevel: "error",
  build: { lib: { entry: "src/main.ts", formats: ["es"], fileName: "main" }, minify: false },
};
`,
    "src/batched.ts": batchedModule,
    "src/main.ts": [
      ...Array.from({ length: fileCount - 2 }, (_, i) => `export * as module${i} from "./module${i}";`),
      `export { batchedSumOfSquares } from "./batched";`,
    ].join("\n"),
  };
  for (let i = 0; i < fileCount - 2; i++) files[`src/module${i}.ts`] = plainModule(i);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
  }
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(repository, path.join(dir, "node_modules/tsvmap"), "dir");
  for (const tool of ["vite", "typescript"]) fs.symlinkSync(path.join(repository, "node_modules", tool), path.join(dir, "node_modules", tool), "dir");
}

let edits = 0;

/** The wall-clock and CPU time of one `vite build`, in ms; `variant` is "none", "cold", "edited", "restarted" or "warm". */
async function timeBuild(dir, variant) {
  if (variant === "restarted") await stopServer(path.join(dir, "node_modules/.cache/tsvmap"));
  if (variant === "edited" || variant === "restarted") fs.writeFileSync(path.join(dir, "src/batched.ts"), `${batchedModule}// edit ${++edits}\n`);
  const start = performance.now();
  const build = spawnSync(process.execPath, [path.join(dir, "node_modules/vite/bin/vite.js"), "build"], {
    cwd: dir,
    env: { ...process.env, TSVMAP: variant === "restarted" ? "edited" : variant },
    encoding: "utf8",
  });
  const wall = performance.now() - start;
  if (variant === "restarted") await new Promise((resolve) => setTimeout(resolve, 3000));
  const cpu = /cpu-ms ([\d.]+)/.exec(build.stderr);
  if (build.status !== 0 || cpu === null) throw new Error(`vite build failed:\n${build.stdout}${build.stderr}`);
  return { wall, cpu: Number(cpu[1]) };
}

/** Tells the project's compiler server to stop and waits until it no longer listens (its socket is beside the blob in this short temporary path). */
async function stopServer(cacheDirectory) {
  const socket = path.join(cacheDirectory, fs.readdirSync(cacheDirectory).find((name) => name.endsWith(".blob")).replace(/\.blob$/, ".sock"));
  const tell = (message) =>
    new Promise((resolve) => {
      const connection = net.connect(socket);
      connection.once("connect", () => connection.end(message === undefined ? undefined : `${JSON.stringify(message)}\n`, () => resolve(true)));
      connection.once("error", () => resolve(false));
    });
  await tell({ kind: "stop" });
  while (await tell(undefined)) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Waits for the compiler snapshot that the first build with the cache on makes as it exits. */
async function snapshotMade(cacheDirectory) {
  const entries = () => fs.readdirSync(cacheDirectory);
  for (let waited = 0; entries().some((name) => name.endsWith(".building")) || !entries().some((name) => name.endsWith(".blob")); waited += 100) {
    if (waited > 60_000) throw new Error("no compiler snapshot was made in a minute");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-build-overhead-")));
try {
  writeProject(dir);
  const bundle = path.join(dir, "dist/main.js");
  const variants = {
    none: "without tsvmap",
    cold: "tsvmap, cold",
    edited: "tsvmap, site edited",
    restarted: "tsvmap, site edited, server stopped",
    warm: "tsvmap, warm cache",
  };
  for (const variant of ["cold", "edited", "warm"]) {
    await timeBuild(dir, variant);
    if (/(?<!function\s*)\bvmap\)?\s*\(/.test(fs.readFileSync(bundle, "utf8"))) throw new Error(`the ${variant} plugin build left a vmap call uncompiled`);
  }
  await timeBuild(dir, "none");
  await snapshotMade(path.join(dir, "node_modules/.cache/tsvmap"));
  const builds = Object.fromEntries(Object.keys(variants).map((variant) => [variant, []]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of Object.keys(builds)) builds[variant].push(await timeBuild(dir, variant));
  }
  console.log(`vite build of ${fileCount} files, one using vmap, lib ${lib.join(", ")}; median of ${rounds} interleaved rounds, each a fresh process`);
  for (const measure of ["wall", "cpu"]) {
    const medianOf = (variant) => median(builds[variant].map((build) => build[measure]));
    const plain = medianOf("none");
    console.log(`${measure} time`);
    for (const [variant, label] of Object.entries(variants)) {
      const time = medianOf(variant);
      const samples = builds[variant].map((build) => build[measure].toFixed(0)).join(", ");
      const ratio = variant === "none" ? "" : `   ratio ${(time / plain).toFixed(3)} (+${(time - plain).toFixed(0)} ms; goal under 1.10)`;
      console.log(`  ${label.padEnd(36)} ${time.toFixed(0).padStart(5)} ms${ratio}   (${samples})`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
