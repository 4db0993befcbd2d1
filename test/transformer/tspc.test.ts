import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject } from "./project";

// A user project with tsvmap installed (a link to this repository, as `npm link`
// makes) and the one-line tsconfig of DESIGN §1, built by ts-patch's `tspc`.
const repository = fileURLToPath(new URL("../..", import.meta.url));
const modules = path.join(repository, "node_modules");

const project = createTempProject({
  "package.json": JSON.stringify({ name: "user-app", private: true }),
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      module: "commonjs",
      moduleResolution: "bundler",
      strict: true,
      types: ["node"],
      rootDir: "src",
      outDir: "out",
      plugins: [{ transform: "tsvmap/transformer" }],
    },
    include: ["src"],
  }),
  "src/double.ts": [
    'import { vmap, np } from "tsvmap";',
    "const doubled = vmap((x: number) => 2 * x);",
    "console.log(doubled(np.array([1, 2, 3])).toString());",
  ].join("\n"),
});
fs.mkdirSync(project.file("node_modules/@types"), { recursive: true });
fs.symlinkSync(repository, project.file("node_modules/tsvmap"), "dir");
fs.symlinkSync(path.join(modules, "typescript"), project.file("node_modules/typescript"), "dir");
fs.symlinkSync(path.join(modules, "@types/node"), project.file("node_modules/@types/node"), "dir");
afterAll(() => project.remove());

function tspc(config = "tsconfig.json") {
  const result = spawnSync(process.execPath, [path.join(modules, "ts-patch/bin/tspc.js"), "-p", config], {
    cwd: project.dir,
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(path.join(repository, "dist/transformer/index.js"))) {
    throw new Error("dist/transformer/index.js is missing: run `npm run build` (npm test does) first");
  }
});

describe("the ts-patch plugin", () => {
  it("compiles a vmap call in a user's build, and the output runs", () => {
    const { status, output } = tspc();
    expect(output).toBe("");
    expect(status).toBe(0);
    const emitted = fs.readFileSync(project.file("out/double.js"), "utf8");
    expect(emitted).toContain('require("tsvmap/runtime")');
    const run = spawnSync(process.execPath, [project.file("out/double.js")], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("[2, 4, 6]\n");
  });

  it("fails the build with a TSVMAP diagnostic for a refused site", () => {
    fs.writeFileSync(
      project.file("src/refused.ts"),
      'import { vmap } from "tsvmap";\nexport const along = (axis: number) => vmap((x: number) => x, { inAxes: axis });\n',
    );
    const { status, output } = tspc();
    fs.rmSync(project.file("src/refused.ts"));
    expect(status).not.toBe(0);
    expect(output).toMatch(/^src\/refused\.ts\(2,\d+\): error TS9002: TSVMAP9002: /m);
  });

  describe("a refused site among compiled ones", () => {
    // `parseFloat` is a call the transformer cannot see into: TSVMAP9005.
    const mixed = [
      'import { vmap, np } from "tsvmap";',
      "const refused = vmap((x: number) => x + parseFloat(\"0.5\"));",
      "const compiled = vmap((x: number) => x * x);",
      "console.log(refused(np.array([1, 2])).toString(), compiled(np.array([1, 2])).toString());",
    ].join("\n");
    beforeAll(() => {
      fs.writeFileSync(project.file("src/mixed.ts"), mixed);
      fs.writeFileSync(
        project.file("tsconfig.reference.json"),
        JSON.stringify({
          extends: "./tsconfig.json",
          compilerOptions: { outDir: "out-reference", plugins: [{ transform: "tsvmap/transformer", onUnsupported: "reference" }] },
        }),
      );
    });
    afterAll(() => fs.rmSync(project.file("src/mixed.ts")));

    it("by default fails the build, and still compiles and emits every other site", () => {
      const { status, output } = tspc();
      expect(status).not.toBe(0);
      expect(output).toMatch(/^src\/mixed\.ts\(2,\d+\): error TS9005: TSVMAP9005: /m);
      expect(output.match(/error TS/g)).toHaveLength(1);
      const emitted = fs.readFileSync(project.file("out/mixed.js"), "utf8");
      expect(emitted).toContain("const compiled = function fnBatched(");
      expect(fs.readFileSync(project.file("out/double.js"), "utf8")).toContain('require("tsvmap/runtime")');
      const run = spawnSync(process.execPath, [project.file("out/mixed.js")], { encoding: "utf8" });
      // The refused site runs uncompiled, and says so.
      expect(run.stderr).toMatch(/not compiled/);
      expect(run.stdout).toBe("[1.5, 2.5] [1, 4]\n");
    });

    it('under onUnsupported: "reference" warns, builds, and runs the refused site as vmap.reference', () => {
      const { status, output } = tspc("tsconfig.reference.json");
      expect(output).toMatch(/^src\/mixed\.ts:2:\d+ - warning TSVMAP9005: .*onUnsupported: "reference"/m);
      expect(output).not.toMatch(/error/);
      expect(status).toBe(0);
      const emitted = fs.readFileSync(project.file("out-reference/mixed.js"), "utf8");
      expect(emitted).toContain("const refused = tsvmap_1.vmap.reference((x) => x + parseFloat(\"0.5\"));");
      expect(emitted).toContain("const compiled = function fnBatched(");
      const run = spawnSync(process.execPath, [project.file("out-reference/mixed.js")], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe("[1.5, 2.5] [1, 4]\n");
    });
  });
});
