import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The runtime must run where code generation from strings is forbidden (a CSP
// without 'unsafe-eval', edge runtimes): each check runs under node's flag for it.
const repository = fileURLToPath(new URL("../..", import.meta.url));
const flag = "--disallow-code-generation-from-strings";

function run(args: readonly string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(process.execPath, args, { cwd: repository, encoding: "utf8", ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(directory, name));
}

describe(`the runtime under node ${flag}`, () => {
  it("has no new Function or eval in the sources of runtime/ and transformer/", () => {
    const files = ["runtime", "transformer"].flatMap((directory) => sourceFiles(path.join(repository, directory)));
    expect(files.length).toBeGreaterThan(50);
    const offending = files.filter((file) => /\bnew Function\b|\bFunction\(|\beval\(/.test(fs.readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });

  it("computes what it computes without the flag, for ops of every np family", () => {
    const probe = path.join(repository, "test", "csp", "np-ops-probe.mjs");
    const plain = run([probe]);
    const restricted = run([flag, probe]);
    expect(plain.stderr).toBe("");
    expect(restricted.stderr).toBe("");
    const [allowed, forbidden] = [plain, restricted].map((r) => JSON.parse(r.stdout));
    expect(allowed.codeGeneration).toBe("allowed");
    expect(forbidden.codeGeneration).toBe("EvalError");
    expect(forbidden.results).toEqual(allowed.results);
  });

  it("builds and runs the demo project (examples/seed) with every process under the flag", () => {
    const project = path.join(repository, "examples", "seed");
    const link = path.join(project, "node_modules", "tsvmap");
    fs.mkdirSync(path.dirname(link), { recursive: true });
    try {
      fs.symlinkSync(path.relative(path.dirname(link), repository), link, "dir");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    // Its own output directory, so the demo test (which writes out/) can run at the same time.
    const outDir = path.join(project, "out", "no-code-generation");
    const env = { ...process.env, NODE_OPTIONS: flag };
    const tspc = path.join(repository, "node_modules", "typescript", "..", "ts-patch", "bin", "tspc.js");
    const build = run([tspc, "-p", path.join(project, "tsconfig.json"), "--outDir", outDir], { env });
    expect(build.stdout + build.stderr).toBe("");
    expect(build.status).toBe(0);
    const main = path.join(outDir, "main.js");
    const restricted = run([main], { env });
    const plain = run([main]);
    expect(restricted.stderr).toBe("");
    expect(restricted.status).toBe(0);
    expect(restricted.stdout).toBe(plain.stdout);
    expect(restricted.stdout).toContain("Running sumOfSquares");
    const inspect = run([path.join(repository, "dist", "transformer", "cli.js"), "inspect", path.join(project, "main.ts"), "--site", "1"], { env });
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toContain("function sumOfSquaresBatched(vector)");
  });

  it("passes the runtime tests and the fixtures in a vitest whose workers run under the flag", () => {
    const vitest = path.join(repository, "node_modules", "vitest", "vitest.mjs");
    const config = path.join("test", "csp", "vitest.no-code-generation.config.mts");
    const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-no-code-generation-")), "report.json");
    const result = run([vitest, "run", "--config", config, "--reporter=json", `--outputFile.json=${reportFile}`], {
      env: { ...process.env, NODE_OPTIONS: flag },
    });
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
    fs.rmSync(path.dirname(reportFile), { recursive: true });
    const files = report.testResults.map((file: { name: string }) => path.relative(repository, file.name));
    expect(files).toContain(path.join("test", "fixtures.test.ts"));
    expect(files).toContain(path.join("test", "csp", "code-generation-is-disallowed.check.ts"));
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(report.numTotalTests);
    expect(result.status).toBe(0);
  });
});
