import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTempProject, type TempProject } from "../transformer/project";
import { modules, repository, run } from "./example-project";
import { eventually } from "../harness/eventually";

// ts-patch's tspc rebuilding after an edit: the vmap site in main.ts inlines
// `scale` from kernels.ts, so editing only kernels.ts must recompile main.ts.
const tspc = path.join(modules, "ts-patch/bin/tspc.js");
const projects: TempProject[] = [];
afterAll(() => projects.forEach((project) => project.remove()));

const transformPlugin = { transform: "tsvmap/transformer" };

function scaleProject(compilerOptions: Record<string, unknown>, plugins: readonly object[] = [transformPlugin]): TempProject {
  const project = createTempProject({
    "package.json": JSON.stringify({ name: "watched", private: true }),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "bundler", strict: true, types: [], rootDir: "src", outDir: "out", plugins, ...compilerOptions },
      include: ["src"],
    }),
    // `scale` calls a helper of a third file, which the vmap site inlines too.
    "src/kernels.ts": 'import { factor } from "./factor";\n\nexport function scale(x: number): number {\n  return factor(x);\n}\n',
    "src/factor.ts": "export function factor(x: number): number {\n  return 2 * x;\n}\n",
    "src/main.ts": 'import { vmap, np } from "tsvmap";\nimport { scale } from "./kernels";\n\nconst scaled = vmap(scale);\nconsole.log(scaled(np.array([1, 2, 3])).toString());\n',
  });
  fs.mkdirSync(project.file("node_modules"));
  fs.symlinkSync(repository, project.file("node_modules/tsvmap"), "dir");
  projects.push(project);
  return project;
}

/** What the built program prints, and whether its vmap site was compiled (no uncompiled warning). */
function output(project: TempProject): string {
  const result = run(process.execPath, ["out/main.js"], project.dir);
  return `${result.stdout}${result.stderr}`;
}

/** Edits the body of the function two imports away from the vmap site. */
function editFactor(project: TempProject, factor: number): void {
  fs.writeFileSync(project.file("src/factor.ts"), `export function factor(x: number): number {\n  return ${factor} * x;\n}\n`);
}

describe("tspc --watch", () => {
  it("recompiles a call site when the per-example function it imports changes", async () => {
    const project = scaleProject({});
    const watcher = spawn(process.execPath, [tspc, "--watch", "--preserveWatchOutput", "-p", "tsconfig.json"], { cwd: project.dir, stdio: "pipe" });
    let log = "";
    watcher.stdout.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const builds = () => log.match(/Found 0 errors\. Watching for file changes\./g)?.length ?? 0;
    try {
      expect(await eventually(() => builds() >= 1, 90_000), log).toBe(true);
      expect(output(project)).toBe("[2, 4, 6]\n");
      const before = fs.readFileSync(project.file("out/main.js"), "utf8");
      editFactor(project, 3);
      expect(await eventually(() => builds() >= 2 && fs.readFileSync(project.file("out/main.js"), "utf8") !== before, 60_000), log).toBe(true);
      expect(output(project)).toBe("[3, 6, 9]\n");
    } finally {
      watcher.kill();
    }
  });
});

describe("tspc -b, incremental", () => {
  it("rebuilds the call site's file after the imported function changed", () => {
    const project = scaleProject({ incremental: true, tsBuildInfoFile: "out/.tsbuildinfo" });
    const first = run(process.execPath, [tspc, "-b", "tsconfig.json"], project.dir);
    expect(first.stdout + first.stderr).toBe("");
    expect(output(project)).toBe("[2, 4, 6]\n");
    editFactor(project, 5);
    const second = run(process.execPath, [tspc, "-b", "tsconfig.json", "--verbose"], project.dir);
    expect(second.stdout).toContain("is out of date because");
    expect(second.status).toBe(0);
    expect(output(project)).toBe("[5, 10, 15]\n");
  });

  it("with declarations (composite), rebuilds it through tsvmap/incremental's source stamps", () => {
    const incrementalPlugin = { transform: "tsvmap/incremental", afterDeclarations: true };
    const project = scaleProject({ composite: true, tsBuildInfoFile: "out/.tsbuildinfo" }, [transformPlugin, incrementalPlugin]);
    const first = run(process.execPath, [tspc, "-b", "tsconfig.json"], project.dir);
    expect(first.stdout + first.stderr).toBe("");
    expect(output(project)).toBe("[2, 4, 6]\n");
    expect(fs.readFileSync(project.file("out/factor.d.ts"), "utf8")).toMatch(/^\/\/ tsvmap source stamp [0-9a-f]{16}\nexport declare function factor/);
    editFactor(project, 7);
    const second = run(process.execPath, [tspc, "-b", "tsconfig.json"], project.dir);
    expect(second.status).toBe(0);
    expect(output(project)).toBe("[7, 14, 21]\n");
  });
});
