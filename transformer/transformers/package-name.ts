import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Returns a lookup from a file to the `name` in its nearest package.json
 * (undefined when there is none, or it has no string `name`). Answers are
 * cached per directory, so a whole program costs one read per package.
 */
export function createPackageNameLookup(): (fileName: string) => string | undefined {
  const nameByDirectory = new Map<string, string | undefined>();

  function nameOfDirectory(directory: string): string | undefined {
    if (nameByDirectory.has(directory)) return nameByDirectory.get(directory);
    const manifest = path.join(directory, "package.json");
    const parent = path.dirname(directory);
    let name: string | undefined;
    if (fs.existsSync(manifest)) name = readName(manifest);
    else if (parent !== directory) name = nameOfDirectory(parent);
    nameByDirectory.set(directory, name);
    return name;
  }

  return (fileName) => nameOfDirectory(path.dirname(path.resolve(fileName)));
}

/** A manifest that does not parse names no package, as Node would refuse to load it. */
function readName(manifest: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(manifest, "utf8"));
    const name = typeof parsed === "object" && parsed !== null ? (parsed as { name?: unknown }).name : undefined;
    return typeof name === "string" ? name : undefined;
  } catch {
    return undefined;
  }
}
