import * as fs from "node:fs";
import * as path from "node:path";
import { stillProbesAlike } from "./file-system-probes";
import type { CompiledModule } from "./module-compiler";
import { textHash } from "./text-hash";
import { writeWhole } from "./write-whole";

/**
 * Compiled modules kept on disk between builds, one entry per module: a build
 * whose call sites and what they read did not change loads no TypeScript at
 * all. An entry holds the hash of every file the module's program read
 * (the module, the files it imports, their declaration files, the tsconfig
 * files on the way to the module's own, the package.json files of module
 * resolution) except TypeScript's own libs, the paths it looked for in vain
 * and the listings of the directories it searched (`FileSystemProbes`), and
 * is used only while each of them is still so and tsvmap, TypeScript and the
 * plugin options are the same.
 */
export interface CompileCache {
  read(fileName: string, text: string): CompiledModule | undefined;
  write(fileName: string, compiled: CompiledModule): void;
}

interface CacheEntry {
  readonly fileName: string;
  readonly compiled: CompiledModule;
}

/** The cache in `directory` for builds with `options`; `versions` names the tsvmap and TypeScript that compile. */
export function createCompileCache(directory: string, versions: string, options: unknown): CompileCache {
  const entryPath = (fileName: string) => path.join(directory, `${textHash(JSON.stringify([versions, options, fileName])).slice(0, 32)}.json`);
  const currentHash = (file: string): string | undefined => {
    try {
      return textHash(fs.readFileSync(file, "utf8"));
    } catch {
      return undefined;
    }
  };
  return {
    read(fileName, text) {
      let entry: CacheEntry;
      try {
        entry = JSON.parse(fs.readFileSync(entryPath(fileName), "utf8")) as CacheEntry;
      } catch {
        return undefined;
      }
      if (entry.fileName !== fileName) return undefined;
      const { inputs, probed } = entry.compiled;
      const fresh = Object.entries(inputs).every(([file, hash]) => hash === (file === fileName ? textHash(text) : currentHash(file)));
      return fresh && stillProbesAlike(probed) ? entry.compiled : undefined;
    },
    write(fileName, compiled) {
      writeWhole(entryPath(fileName), JSON.stringify({ fileName, compiled } satisfies CacheEntry));
    },
  };
}
