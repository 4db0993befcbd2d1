import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TempProject, createTempProject } from "./transformer/project";

// The published package: `npm pack`, installed into a fresh project from the tarball alone.
const repository = fileURLToPath(new URL("..", import.meta.url));
const modules = path.join(repository, "node_modules");

const seedSource = `
import { vmap, np, type Tensor } from "tsvmap";

function sumOfSquares(vector: Tensor): number {
  console.log(\`Running sumOfSquares for a vector of shape: (\${vector.shape})\`);
  return np.sum(np.square(vector));
}

const batch = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9], [0, 1, 0]]);
const batched = vmap(sumOfSquares);
console.log(batched(batch).toString());
`;

let project: TempProject;

beforeAll(() => {
  project = createTempProject({
    "package.json": JSON.stringify({ name: "fresh-user", private: true }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "nodenext", strict: true, types: [], rootDir: "src", outDir: "out", plugins: [{ transform: "tsvmap/transformer" }] },
      include: ["src"],
    }),
    "src/seed.ts": seedSource,
    "uncompiled.js": seedSource
      .replace('import { vmap, np, type Tensor } from "tsvmap";', 'const { vmap, np } = require("tsvmap");')
      .replace("vector: Tensor): number", "vector)"),
  });
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", project.dir], { cwd: repository, encoding: "utf8" }).trim();
  // tsvmap depends on unplugin: npm may need its registry metadata, which `npm ci` does not cache; the tarballs come from the cache.
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", path.join(project.dir, packed.split("\n").pop()!)], { cwd: project.dir, stdio: "pipe" });
  // The compiler is the user's own dev dependency; link this checkout's pinned one rather than download it again.
  for (const name of ["typescript", "ts-patch"]) fs.symlinkSync(path.join(modules, name), project.file(`node_modules/${name}`), "dir");
}, 240_000);

afterAll(() => project?.remove());

describe("the packed tarball in a fresh project", () => {
  it("ships built JS, declarations and the exports map, and nothing of the sources", () => {
    const installed = project.file("node_modules/tsvmap");
    const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8"));
    expect(Object.keys(manifest.exports)).toEqual(expect.arrayContaining([".", "./runtime", "./transformer"]));
    for (const entry of ["dist/runtime/index.js", "dist/runtime/index.d.ts", "dist/runtime/batched/index.js", "dist/transformer/index.js", "dist/transformer/cli.js"]) {
      expect(fs.existsSync(path.join(installed, entry)), entry).toBe(true);
    }
    expect(fs.existsSync(path.join(installed, "runtime"))).toBe(false);
  });

  it("runs the seed example uncompiled, warning once that it was not compiled", () => {
    const run = spawnSync(process.execPath, ["uncompiled.js"], { cwd: project.dir, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n").pop()).toBe("[14, 77, 194, 1]");
    expect(run.stderr).toContain("not compiled");
  });

  it("compiles the seed example with tspc and the plugin, and the output prints [14, 77, 194, 1] with the shape line once", () => {
    const build = spawnSync(process.execPath, [project.file("node_modules/ts-patch/bin/tspc.js"), "-p", "tsconfig.json"], { cwd: project.dir, encoding: "utf8" });
    expect(build.stdout + build.stderr).toBe("");
    expect(build.status).toBe(0);
    const emitted = fs.readFileSync(project.file("out/seed.js"), "utf8");
    expect(emitted).toContain('require("tsvmap/runtime")');
    const run = spawnSync(process.execPath, ["out/seed.js"], { cwd: project.dir, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("Running sumOfSquares for a vector of shape: (3)\n[14, 77, 194, 1]\n");
  });

  it("has a tsvmap bin that prints the code a vmap call site became", () => {
    const run = spawnSync(process.execPath, [project.file("node_modules/tsvmap/dist/transformer/cli.js"), "inspect", "src/seed.ts", "--site", "1"], { cwd: project.dir, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("function sumOfSquaresBatched(vector)");
    expect(run.stdout).toContain("exampleAxes");
  });
});
