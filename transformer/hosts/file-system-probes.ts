import * as fs from "node:fs";
import * as path from "node:path";
import { textHash } from "./text-hash";

/**
 * What a program depends on besides the source files it parsed, recorded
 * while TypeScript looks around the disk, so that the on-disk cache can tell
 * without TypeScript that it would find the same program again: every other
 * file it read (package.json files steer module resolution), every path it
 * looked for and did not find (a file created there can change what an
 * import resolves to, or which tsconfig.json a module belongs to), and the
 * entries of every directory whose listing decides which files a config
 * includes or which type packages load.
 */
export interface FileSystemProbes {
  /** `exists` that records each path it does not find. */
  recordingAbsence(exists: (fileName: string) => boolean): (fileName: string) => boolean;
  /** `read` that records the hash of each text it returns, and each path it finds nothing at. */
  recordingReads(read: (fileName: string) => string | undefined): (fileName: string) => string | undefined;
  /** Records the entries of `directory` and, when `recursive`, of every directory below it that a tsconfig `include` walks into. */
  recordListing(directory: string, recursive: boolean): void;
  /** The hash of each file read so far. */
  readHashes(): Record<string, string>;
  /** The paths and directories recorded so far. */
  snapshot(): ProbedFileSystem;
}

/** Plain data, for the cache entry. */
export interface ProbedFileSystem {
  readonly absent: readonly string[];
  /** The hash of each directory's sorted entry names. */
  readonly listings: Readonly<Record<string, string>>;
}

// The directories a tsconfig `include` wildcard never enters.
const notIncluded = /^(?:\.|node_modules$|bower_components$|jspm_packages$)/;

export function createFileSystemProbes(): FileSystemProbes {
  const read = new Map<string, string>();
  const absent = new Set<string>();
  const listings = new Map<string, string>();

  function recordListing(directory: string, recursive: boolean): void {
    if (listings.has(directory)) return;
    const entries = directoryEntries(directory);
    if (entries === undefined) {
      absent.add(directory);
      return;
    }
    listings.set(directory, listingHash(entries));
    if (!recursive) return;
    for (const entry of entries) {
      if (entry.isDirectory() && !notIncluded.test(entry.name)) recordListing(path.join(directory, entry.name), true);
    }
  }

  return {
    recordingAbsence: (exists) => (fileName) => {
      const found = exists(fileName);
      if (!found) absent.add(fileName);
      return found;
    },
    recordingReads: (readFile) => (fileName) => {
      const text = readFile(fileName);
      if (text === undefined) absent.add(fileName);
      else read.set(fileName, textHash(text));
      return text;
    },
    recordListing,
    readHashes: () => Object.fromEntries(read),
    snapshot: () => ({ absent: [...absent], listings: Object.fromEntries(listings) }),
  };
}

/** True while every path recorded absent is still absent and every directory recorded still has the same entries. */
export function stillProbesAlike(probed: ProbedFileSystem): boolean {
  if (probed.absent.some((fileName) => fs.existsSync(fileName))) return false;
  return Object.entries(probed.listings).every(([directory, hash]) => {
    const entries = directoryEntries(directory);
    return entries !== undefined && listingHash(entries) === hash;
  });
}

function directoryEntries(directory: string): fs.Dirent[] | undefined {
  try {
    return fs.readdirSync(directory, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

function listingHash(entries: readonly fs.Dirent[]): string {
  return textHash(entries.map((entry) => `${entry.isDirectory() ? "d" : "f"} ${entry.name}`).sort().join("\n"));
}
