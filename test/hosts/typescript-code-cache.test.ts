import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repository = path.resolve(__dirname, "../..");
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-code-cache-"));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

/** A fresh node process that loads TypeScript through the code cache, compiles a line with it, then saves the cache; prints what it saw. */
function loadInFreshProcess(): { libFile: string; sameInstance: boolean; emitted: string } {
  const script = `
    const save = require(${JSON.stringify(path.join(repository, "dist/transformer/hosts/typescript-code-cache.js"))}).loadTypeScriptWithCodeCache(${JSON.stringify(cacheDir)});
    const loaded = require.cache[require.resolve("typescript")].exports;
    const ts = require("typescript");
    const emitted = ts.transpileModule("const x: number = 1;", {}).outputText.trim();
    save();
    console.log(JSON.stringify({ libFile: ts.getDefaultLibFilePath({}), sameInstance: ts === loaded, emitted }));`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: repository, encoding: "utf8" }));
}

const cacheFiles = () => fs.readdirSync(cacheDir).filter((name) => name.endsWith(".v8"));

describe("TypeScript loaded with V8's code cache", () => {
  it("is the typescript package every require gets, working from its own directory, and leaves its cache behind", () => {
    const seen = loadInFreshProcess();
    expect(seen.sameInstance).toBe(true);
    expect(path.dirname(seen.libFile)).toBe(path.dirname(require.resolve("typescript")));
    expect(seen.emitted).toContain("const x = 1;");
    expect(cacheFiles()).toHaveLength(1);
  });

  it("is taken by the next process, which leaves the file as it is", () => {
    const [file] = cacheFiles();
    const written = fs.readFileSync(path.join(cacheDir, file));
    expect(loadInFreshProcess().emitted).toContain("const x = 1;");
    expect(fs.readFileSync(path.join(cacheDir, file)).equals(written)).toBe(true);
  });

  it("replaces a file V8 rejects, and loads all the same", () => {
    const [file] = cacheFiles();
    fs.writeFileSync(path.join(cacheDir, file), "not a code cache");
    expect(loadInFreshProcess().emitted).toContain("const x = 1;");
    expect(fs.statSync(path.join(cacheDir, file)).size).toBeGreaterThan(1_000_000);
  });
});
