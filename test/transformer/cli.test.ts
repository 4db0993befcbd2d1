import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject } from "./project";

// The built bin, as a user runs it; `npm test` builds before vitest runs.
const repository = fileURLToPath(new URL("../..", import.meta.url));
const cli = `${repository}dist/transformer/cli.js`;

function tsvmap(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: repository, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (npm test does) first`);
});

describe("tsvmap inspect", () => {
  it("prints the emitted JavaScript of a fixture, its vmap call replaced by runtime code", () => {
    const { status, stdout, stderr } = tsvmap("inspect", "fixtures/seed/input.ts");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^const tsvmap_runtime = require\("tsvmap\/runtime"\);$/m);
    expect(stdout).toMatch(/tsvmap_runtime\.\w+\(/);
    expect(stdout).not.toContain("(0, tsvmap_1.vmap)(");
    expect(stdout).toContain("exports.reference = tsvmap_1.vmap.reference(sumOfSquares);");
  });

  it("prints only the code that replaced one site with --site", () => {
    const { status, stdout } = tsvmap("inspect", "fixtures/seed/input.ts", "--site", "1");
    expect(status).toBe(0);
    expect(stdout).toContain("tsvmap_runtime");
    expect(stdout).not.toContain("function inputs");
    expect(stdout).not.toContain("vmap.reference");
  });

  it("shows a composed vmap(vmap(...)) as one batched function that never calls the per-example one", () => {
    const { status, stdout } = tsvmap("inspect", "fixtures/nested-inline/input.ts", "--site", "1");
    expect(status).toBe(0);
    expect(stdout.match(/function \w+Batched\(/g)).toEqual(["function distanceBatched("]);
    expect(stdout).toMatch(/const innerSize = tsvmap_runtime\.axisSize\(/);
    expect(stdout).not.toMatch(/\bdistance\(/);
    expect(stdout).not.toMatch(/\bvmap\b/);
  });

  it("reports a site that does not exist", () => {
    const { status, stdout, stderr } = tsvmap("inspect", "fixtures/seed/input.ts", "--site", "2");
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("tsvmap: fixtures/seed/input.ts has 1 vmap call site(s); there is no site 2\n");
  });

  it("sends refusals to stderr as file:line:col and exits 1", () => {
    const { status, stderr } = tsvmap("inspect", "fixtures/errors/non-literal-in-axes.ts");
    expect(status).toBe(1);
    expect(stderr).toMatch(/^fixtures\/errors\/non-literal-in-axes\.ts:5:\d+ - error TSVMAP9002: /);
  });

  describe("a file with no tsconfig.json above it", () => {
    const project = createTempProject({ "plain.ts": "const answer: number = 42;\nexport { answer };\n" });
    afterAll(() => project.remove());

    it("compiles with the default options: ES modules, type annotations gone", () => {
      const { status, stdout } = tsvmap("inspect", project.file("plain.ts"));
      expect(status).toBe(0);
      expect(stdout).toBe("const answer = 42;\nexport { answer };\n");
    });
  });

  it("prints usage with --help, and refuses a malformed command line with exit code 2", () => {
    const help = tsvmap("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsvmap inspect FILE \[--site N\]\n/);
    const wrong = tsvmap("inspect", "fixtures/seed/input.ts", "--site", "0");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^tsvmap: --site needs a positive integer, got '0'\n\nUsage: /);
    expect(tsvmap("compile", "x.ts").stderr).toMatch(/^tsvmap: unknown command 'compile'/);
  });
});
