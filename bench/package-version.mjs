// The installed version of a package, for the table's header: found by walking
// up from the file the package resolves to, since not every package exports
// its package.json.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function packageVersion(name) {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, "utf8"));
      if (found === name) return version;
    }
    dir = dirname(dir);
  }
  return "unknown";
}
