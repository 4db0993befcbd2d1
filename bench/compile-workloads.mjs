// Compiles bench/workloads with tspc and the tsvmap plugin, as a user project
// would be built; bench/node_modules/tsvmap links this checkout (its dist/).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);

/** Builds bench/out; returns the compiler's diagnostics text (empty when clean). */
export function compileWorkloads() {
  const link = join(bench, "node_modules", "tsvmap");
  if (!existsSync(link)) {
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), root), link, "dir");
  }
  rmSync(join(bench, "out"), { recursive: true, force: true });
  const tspc = join(root, "node_modules", "ts-patch", "bin", "tspc.js");
  const build = spawnSync(process.execPath, [tspc, "-p", join(bench, "tsconfig.json")], { encoding: "utf8" });
  if (build.error) throw build.error;
  return (build.stdout + build.stderr).trim();
}

/** Where the compiled module of a workload is. */
export function compiledWorkload(name) {
  return join(bench, "out", `${name}.js`);
}
