import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { type PrintedResults, printedResults, writeExample } from "./example-sources";

declare module "vitest" {
  export interface ProvidedContext {
    /** A directory whose node_modules holds the packed tsvmap and the build tools; each test builds in a folder of it. */
    toolsProject: string;
    /** What the example project prints when built with tspc: every other tool's build must print the same. */
    tspcResults: PrintedResults;
  }
}

const repository = fileURLToPath(new URL("../..", import.meta.url));

/** The build tools a user installs beside tsvmap: this checkout's pinned devDependencies, linked rather than downloaded again. */
const tools = ["typescript", "ts-patch", "vite", "vitest", "rollup", "rollup-plugin-esbuild", "esbuild", "webpack", "esbuild-loader", "@rspack/core", "tsx", "@swc/core", "bun", "deno", "typescript7"];

/**
 * Packs this checkout once (it must be built) and unpacks the tarball as
 * node_modules/tsvmap, so the tests see exactly the published files; its
 * dependencies and the tools are linked from this checkout's node_modules.
 * Then builds the example project with tspc, the reference build.
 */
export default function setup(project: TestProject): () => void {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-tools-")));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    installPacked(dir);
    project.provide("tspcResults", buildWithTspc(dir));
  } catch (error) {
    remove();
    throw error;
  }
  project.provide("toolsProject", dir);
  return remove;
}

/** The example built as the README's first section says (tsconfig plugin, `tspc`), run with node. */
function buildWithTspc(toolsProject: string): PrintedResults {
  const dir = writeExample(toolsProject, "tspc", {
    "tsconfig.tspc.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { plugins: [{ transform: "tsvmap/transformer" }] } }),
  });
  const tspc = path.join(toolsProject, "node_modules/ts-patch/bin/tspc.js");
  execFileSync(process.execPath, [tspc, "-p", "tsconfig.tspc.json"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
  const run = spawnSync(process.execPath, ["out/main.js"], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0 || run.stderr !== "") throw new Error(`the tspc build of the example failed to run:\n${run.stdout}${run.stderr}`);
  return printedResults(run.stdout);
}

function installPacked(dir: string): void {
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "tools-user", private: true, type: "module" }));
  const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repository, encoding: "utf8" }).trim().split("\n").pop()!;
  const installed = path.join(dir, "node_modules", "tsvmap");
  fs.mkdirSync(installed, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(dir, packed), "-C", installed, "--strip-components=1"]);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  for (const tool of [...Object.keys(manifest.dependencies ?? {}), ...tools]) {
    const link = path.join(dir, "node_modules", tool);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(repository, "node_modules", tool), link, "dir");
  }
}
