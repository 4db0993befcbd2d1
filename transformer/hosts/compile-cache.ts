import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { CompiledModule } from "./module-compiler";

/**
 * Compiled modules kept on disk between builds, one entry per module: a build
 * whose call sites and what they read did not change loads no TypeScript at
 * all. An entry holds the hash of every file the module's program read
 * (the module, the files it imports, their declaration files, the tsconfig
 * files) except TypeScript's own libs, and is used only while each of them
 * still has that text and tsvmap, TypeScript and the plugin options are the
 * same.
 */
export interface CompileCache {
  read(fileName: string, text: string): CompiledModule | undefined;
  write(fileName: string, compiled: CompiledModule): void;
}

interface CacheEntry {
  readonly fileName: string;
  readonly compiled: CompiledModule;
}

export function textHash(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
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
      const fresh = Object.entries(entry.compiled.inputs).every(([file, hash]) => hash === (file === fileName ? textHash(text) : currentHash(file)));
      return fresh ? entry.compiled : undefined;
    },
    write(fileName, compiled) {
      // Written whole and renamed into place, so a build running beside this one never reads half an entry.
      const target = entryPath(fileName);
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(directory, { recursive: true });
        fs.writeFileSync(temporary, JSON.stringify({ fileName, compiled } satisfies CacheEntry));
        fs.renameSync(temporary, target);
      } catch {
        // A read-only or full disk only costs the next build its time.
        fs.rmSync(temporary, { force: true });
      }
    },
  };
}
