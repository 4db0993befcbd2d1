import * as fs from "node:fs";
import type * as ts from "typescript";

/** A SourceFile parsed (and bound) ahead of time, with what a DocumentRegistry would file it under. */
interface PreparsedFile {
  readonly sourceFile: ts.SourceFile;
  /** The text it was parsed from. */
  readonly snapshot: ts.IScriptSnapshot;
  /** The registry's bucket key: the compiler options that shape a parse. */
  readonly key: string;
  readonly scriptKind: ts.ScriptKind | undefined;
  readonly parse: ParseOptions;
  /** The file on disk as it was then (see `stampOf`). */
  readonly stamp: string | undefined;
}

/** The part of `CreateSourceFileOptions` that a registry keeps apart (the rest is derived from the bucket key). */
interface ParseOptions {
  readonly languageVersion: ts.ScriptTarget | undefined;
  readonly impliedNodeFormat: ts.ResolutionMode;
  readonly jsDocParsingMode: ts.JSDocParsingMode | undefined;
}

type SourceFileOptions = ts.CreateSourceFileOptions | ts.ScriptTarget | undefined;

/** Files parsed in one process (a snapshot builder) for the programs of another, and what a program's host needs to use them. */
export interface PreparsedFiles {
  /**
   * `registry`, except that a preparsed file is handed out as it is when the
   * real registry would have shared it: same path, bucket key, script kind,
   * parse options and text. The lib files of a V8 startup snapshot then cost
   * neither parsing nor binding (the binder skips a bound file); a file that
   * changed since is parsed as usual.
   */
  registry(registry: ts.DocumentRegistry): ts.DocumentRegistry;
  /** The preparsed text of `fileName` when the file on disk is untouched since: the host need not read it. */
  snapshotOf(fileName: string): ts.IScriptSnapshot | undefined;
}

/**
 * Files parsed while `recording` is in use (no file is preparsed for it: it
 * records what its registries hand out, with what they were asked for), and
 * `preparsed()`: all of them but `except`.
 */
export function createRecorder(): { readonly recording: PreparsedFiles; preparsed(except: string): PreparsedFiles } {
  const recorded = new Map<string, PreparsedFile>();
  const record = (path: string, key: string, snapshot: ts.IScriptSnapshot, scriptKind: ts.ScriptKind | undefined, options: SourceFileOptions, sourceFile: ts.SourceFile) => {
    recorded.set(path, { sourceFile, snapshot, key, scriptKind, parse: parseOptionsOf(options), stamp: stampOf(sourceFile.fileName) });
    return sourceFile;
  };
  const recording: PreparsedFiles = {
    registry: (registry) => ({
      ...registry,
      acquireDocumentWithKey: (fileName, path, settings, key, snapshot, version, scriptKind, options) =>
        record(path, key, snapshot, scriptKind, options, registry.acquireDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options)),
      updateDocumentWithKey: (fileName, path, settings, key, snapshot, version, scriptKind, options) =>
        record(path, key, snapshot, scriptKind, options, registry.updateDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options)),
    }),
    snapshotOf: () => undefined,
  };
  return { recording, preparsed: (except) => preparsedFiles(new Map([...recorded].filter(([, file]) => file.sourceFile.fileName !== except))) };
}

function preparsedFiles(preparsed: ReadonlyMap<string, PreparsedFile>): PreparsedFiles {
  const byFileName = new Map([...preparsed.values()].map((file) => [file.sourceFile.fileName, file]));
  return {
    registry: (registry) => preparsedRegistry(preparsed, registry),
    snapshotOf(fileName) {
      const file = byFileName.get(fileName);
      return file?.stamp !== undefined && stampOf(fileName) === file.stamp ? file.snapshot : undefined;
    },
  };
}

function preparsedRegistry(preparsed: ReadonlyMap<string, PreparsedFile>, registry: ts.DocumentRegistry): ts.DocumentRegistry {
  // Per bucket key and path, how many acquisitions of its preparsed file are not yet released or updated (projects of a build share the registry).
  const handedOut = new Map<string, number>();
  const takeBack = (key: string, path: string) => {
    const entry = `${key}\n${path}`;
    const count = handedOut.get(entry);
    if (count === undefined) return false;
    if (count === 1) handedOut.delete(entry);
    else handedOut.set(entry, count - 1);
    return true;
  };
  const matching = (path: string, key: string, snapshot: ts.IScriptSnapshot, scriptKind: ts.ScriptKind | undefined, options: SourceFileOptions) => {
    const file = preparsed.get(path);
    if (file === undefined || file.key !== key || file.scriptKind !== scriptKind || !sameParse(file.parse, parseOptionsOf(options))) return undefined;
    if (snapshot === file.snapshot) return file.sourceFile;
    const text = file.sourceFile.text;
    return snapshot.getLength() === text.length && snapshot.getText(0, text.length) === text ? file.sourceFile : undefined;
  };
  return {
    ...registry,
    acquireDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options) {
      const sourceFile = matching(path, key, snapshot, scriptKind, options);
      if (sourceFile === undefined) return registry.acquireDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options);
      const entry = `${key}\n${path}`;
      handedOut.set(entry, (handedOut.get(entry) ?? 0) + 1);
      // As the registry stamps each file it hands out: the language service compares it with the host's version.
      (sourceFile as { version?: string }).version = version;
      return sourceFile;
    },
    updateDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options) {
      if (!handedOut.has(`${key}\n${path}`)) return registry.updateDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options);
      // Each new program of the service updates every file of the old one: an unchanged preparsed file stays.
      const unchanged = matching(path, key, snapshot, scriptKind, options);
      if (unchanged !== undefined) {
        (unchanged as { version?: string }).version = version;
        return unchanged;
      }
      // A preparsed file that changed is new to the real registry.
      takeBack(key, path);
      return registry.acquireDocumentWithKey(fileName, path, settings, key, snapshot, version, scriptKind, options);
    },
    releaseDocumentWithKey(path: ts.Path, key: ts.DocumentRegistryBucketKey, scriptKind?: ts.ScriptKind, impliedNodeFormat?: ts.ResolutionMode) {
      if (!takeBack(key, path)) registry.releaseDocumentWithKey(path, key, scriptKind!, impliedNodeFormat);
    },
  };
}

/** A file's identity and last change on disk: any write to it changes its ctime, which no tool sets back. */
function stampOf(fileName: string): string | undefined {
  const stat = fs.statSync(fileName, { throwIfNoEntry: false, bigint: true });
  return stat === undefined ? undefined : `${stat.dev} ${stat.ino} ${stat.size} ${stat.mtimeNs} ${stat.ctimeNs}`;
}

function parseOptionsOf(options: SourceFileOptions): ParseOptions {
  if (typeof options === "object") return { languageVersion: options.languageVersion, impliedNodeFormat: options.impliedNodeFormat, jsDocParsingMode: options.jsDocParsingMode };
  return { languageVersion: options, impliedNodeFormat: undefined, jsDocParsingMode: undefined };
}

function sameParse(a: ParseOptions, b: ParseOptions): boolean {
  return a.languageVersion === b.languageVersion && a.impliedNodeFormat === b.impliedNodeFormat && a.jsDocParsingMode === b.jsDocParsingMode;
}
