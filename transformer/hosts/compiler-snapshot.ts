import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { textHash } from "./text-hash";

/**
 * A V8 startup snapshot of the module compiler (snapshot-entry.ts) for one
 * project: TypeScript loaded, the lib files parsed and bound. A process
 * started from it is ready to compile in about a fifth of what loading
 * TypeScript and parsing the libs takes; it is the compiler server that the
 * project's builds share (compiler-server.ts), so that a build that must
 * compile a call site (its cache missed) costs little more than one that
 * need not.
 */
export interface CompilerSnapshot {
  /** The blob's file; it exists once a build made it. */
  readonly blob: string;
  /** Where the server started from the blob listens. */
  readonly socket: string;
  /** Starts a server from the blob, detached: it outlives this build. */
  startServer(): ChildProcess;
  /** Makes the blob after this process exits (so that it takes no time from this build) and starts a server from it, unless another process is making it. */
  buildWhenExiting(): void;
}

/**
 * The snapshot for this Node, TypeScript, tsvmap and project config, kept in
 * `cacheDirectory`. Its name hashes what it was made from (file sizes and
 * times, and the config's text): a new install or config makes a new one.
 * A file that changed anyway costs only speed, never a wrong compile: the
 * snapshot's parse of a file is used only for the same text.
 */
export function compilerSnapshot(cacheDirectory: string, explicitConfig: string | undefined): CompilerSnapshot {
  const typescriptFile = require.resolve("typescript");
  const config = explicitConfig === undefined ? nearestConfig(process.cwd()) : path.resolve(explicitConfig);
  const madeFrom = [process.version, process.arch, process.execPath, config ?? "", config === undefined ? "" : readOr(config, "")];
  for (const file of [typescriptFile, ...javaScriptFiles(path.join(__dirname, ".."))]) {
    const stat = fs.statSync(file);
    madeFrom.push(`${file} ${stat.size} ${stat.mtimeMs}`);
  }
  const blob = path.join(cacheDirectory, `compiler-${textHash(madeFrom.join("\n")).slice(0, 16)}.blob`);
  const socket = socketPath(blob);

  return {
    blob,
    socket,
    startServer: () => startServer(blob, socket),
    buildWhenExiting() {
      const lock = `${blob}.building`;
      if (fs.existsSync(failedMark(blob)) || !takeLock(cacheDirectory, lock)) return;
      process.once("exit", () => {
        const environment = { ...process.env, TSVMAP_TYPESCRIPT: typescriptFile, TSVMAP_TSCONFIG: explicitConfig ?? "" };
        spawn(process.execPath, [path.join(__dirname, "snapshot-build.js"), blob, lock, socket], { detached: true, stdio: "ignore", env: environment }).unref();
      });
    },
  };
}

/** The file that says making `blob` failed (the snapshot builder's exit status). */
export function failedMark(blob: string): string {
  return `${blob}.failed`;
}

/** Starts the compiler server from `blob`, detached: it outlives the build that started it. */
export function startServer(blob: string, socket: string): ChildProcess {
  const server = spawn(process.execPath, ["--snapshot-blob", blob, socket, blob], { detached: true, stdio: "ignore" });
  server.unref();
  return server;
}

/**
 * Beside the blob where the path fits a Unix socket's 107 bytes, else in a
 * directory of this user's under the temporary directory; a named pipe on
 * Windows.
 */
function socketPath(blob: string): string {
  const name = `tsvmap-${textHash(blob).slice(0, 16)}`;
  if (process.platform === "win32") return `\\\\.\\pipe\\${name}`;
  const beside = blob.replace(/\.blob$/, ".sock");
  if (Buffer.byteLength(beside) <= 100) return beside;
  const directory = path.join(os.tmpdir(), `tsvmap-${os.userInfo().uid}`);
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  return path.join(directory, `${name}.sock`);
}

/** Creates `lock`, or takes it over when it was left by a build that died: making a blob takes seconds, not minutes. */
function takeLock(directory: string, lock: string): boolean {
  const abandoned = Date.now() - 5 * 60_000;
  try {
    fs.mkdirSync(directory, { recursive: true });
    if (fs.existsSync(lock) && fs.statSync(lock).mtimeMs < abandoned) fs.rmSync(lock, { force: true });
    fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

function nearestConfig(directory: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, "tsconfig.json");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

/** The transformer's compiled files (the snapshot holds them all), `.js` only. */
function javaScriptFiles(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .sort()
    .map((file) => path.join(directory, file));
}

function readOr(file: string, fallback: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return fallback;
  }
}
