import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleModule } from "../../bench/bundle.mjs";
import { type TempProject, createTempProject } from "../transformer/project";

// The packed tarball in a fresh ES module project ("type": "module"): Node's
// `import` and bundlers get the ESM build, `require` and ts-patch the CommonJS one.
const repository = fileURLToPath(new URL("../..", import.meta.url));
const modules = path.join(repository, "node_modules");
const seedSource = fs.readFileSync(path.join(repository, "examples/seed/main.ts"), "utf8");

let project: TempProject;

beforeAll(() => {
  project = createTempProject({
    "package.json": JSON.stringify({ name: "fresh-esm-user", private: true, type: "module" }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", strict: true, types: [], rootDir: "src", outDir: "out", plugins: [{ transform: "tsvmap/transformer" }] },
      include: ["src"],
    }),
    "src/seed.ts": seedSource,
    "src/everything.ts": 'export * from "tsvmap";\nexport * from "tsvmap/runtime";\n',
    "uncompiled.mjs": `
import { vmap, np, Tensor } from "tsvmap";
import * as runtime from "tsvmap/runtime";
const batched = vmap((vector) => np.sum(np.square(vector)));
console.log(batched(np.array([[1, 2], [3, 4]])).toString());
console.log(import.meta.resolve("tsvmap"), import.meta.resolve("tsvmap/runtime"));
console.log(runtime.Tensor === Tensor, runtime.np.sum === np.sum);
`,
    "required.cjs": `const { np } = require("tsvmap"); console.log(require.resolve("tsvmap"), np.sum(np.array([1, 2])));`,
  });
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", project.dir], { cwd: repository, encoding: "utf8" }).trim();
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(project.dir, packed.split("\n").pop()!)], { cwd: project.dir, stdio: "pipe" });
  for (const name of ["typescript", "ts-patch"]) fs.symlinkSync(path.join(modules, name), project.file(`node_modules/${name}`), "dir");
  const build = spawnSync(process.execPath, [project.file("node_modules/ts-patch/bin/tspc.js"), "-p", "tsconfig.json"], { cwd: project.dir, encoding: "utf8" });
  expect(build.stdout + build.stderr).toBe("");
}, 240_000);

afterAll(() => project?.remove());

function run(file: string) {
  return spawnSync(process.execPath, [file], { cwd: project.dir, encoding: "utf8" });
}

describe("the packed tarball in an ES module project", () => {
  it("imports tsvmap as ES modules under node, tsvmap and tsvmap/runtime sharing one Tensor and one np", () => {
    const result = run("uncompiled.mjs");
    expect(result.status).toBe(0);
    const [sums, resolved, shared] = result.stdout.trim().split("\n");
    expect(sums).toBe("[5, 25]");
    expect(resolved.split(" ").map((url) => url.split("/node_modules/tsvmap/")[1])).toEqual(["dist/esm/runtime/index.js", "dist/esm/runtime/batched/index.js"]);
    expect(shared).toBe("true true");
    expect(result.stderr).toContain("not compiled");
  });

  it("still loads the CommonJS build through require", () => {
    const result = run("required.cjs");
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split(" ")).toEqual([project.file("node_modules/tsvmap/dist/runtime/index.js"), "3"]);
  });

  it("compiles the seed example with tspc as ESM (module nodenext), and the output imports tsvmap/runtime and prints the seed's lines", () => {
    const emitted = fs.readFileSync(project.file("out/seed.js"), "utf8");
    expect(emitted).toContain('import * as tsvmap_runtime from "tsvmap/runtime";');
    expect(emitted).not.toContain("vmap(");
    const result = run("out/seed.js");
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("Running sumOfSquares for a vector of shape: (3)\n[14, 77, 194, 1]\n[[0, 5, 10], [5, 0, 5], [10, 5, 0]]\n");
  });

  it("bundles the compiled seed with vite, tree-shaking the runtime ops it does not use, and the bundle prints the same", async () => {
    const seed = await bundleModule(project.dir, "out/seed.js", "dist-seed");
    const everything = await bundleModule(project.dir, "out/everything.js", "dist-everything");
    // logsumexp's error messages name it: in the whole runtime, not in a program that never calls it.
    expect(fs.readFileSync(everything.file, "utf8")).toContain("logsumexp");
    expect(fs.readFileSync(seed.file, "utf8")).not.toContain("logsumexp");
    expect(run(seed.file).stdout).toBe(run("out/seed.js").stdout);
  });
});
