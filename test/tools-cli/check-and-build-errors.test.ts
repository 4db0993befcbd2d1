import * as fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createExampleProject, tsvmap } from "./example-project";

// A project with one site the transformer refuses, as CI sees it.
const project = createExampleProject({
  "src/refused.ts": 'import { vmap } from "tsvmap";\n\nexport const along = (axis: number) => vmap((x: number) => x, { inAxes: axis });\n',
});
afterAll(() => project.remove());

describe("tsvmap check", () => {
  it("prints the refusal as tsc prints an error, and exits 1", () => {
    const { status, stdout, stderr } = tsvmap(["check"], project.dir);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^src\/refused\.ts:3:\d+ - error TSVMAP9002: .+\n\nFound 1 error\.\n\n$/);
    expect(status).toBe(1);
  });

  it("exits 0 on a project whose sites all compile, printing nothing", () => {
    fs.renameSync(project.file("src/refused.ts"), project.file("refused.ts.off"));
    try {
      expect(tsvmap(["check", "tsconfig.json"], project.dir)).toEqual({ status: 0, stdout: "", stderr: "" });
    } finally {
      fs.renameSync(project.file("refused.ts.off"), project.file("src/refused.ts"));
    }
  });

  it("under --onUnsupported reference prints the refusal as a warning, and exits 0", () => {
    const { status, stdout, stderr } = tsvmap(["check", "--onUnsupported", "reference"], project.dir);
    expect(stderr).toBe("");
    expect(stdout).toMatch(/^src\/refused\.ts:3:\d+ - warning TSVMAP9002: .+this site runs as vmap\.reference, uncompiled\)\n$/);
    expect(status).toBe(0);
  });

  it("refuses an --onUnsupported other than error or reference with exit code 2", () => {
    const { status, stderr } = tsvmap(["check", "--onUnsupported", "skip"], project.dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^tsvmap: --onUnsupported must be "error" or "reference", not "skip"\n/);
  });

  it("refuses a project that does not exist with exit code 2", () => {
    const { status, stderr } = tsvmap(["check", "nowhere/tsconfig.json"], project.dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^tsvmap: 'nowhere\/tsconfig.json' is not a tsconfig.json or a directory holding one\n/);
  });
});

describe("tsvmap build with a refused site", () => {
  it("still writes the tree, the refused site as it was, and exits 1 with the diagnostic", () => {
    const { status, stdout } = tsvmap(["build", "src", "--outDir", "prebuilt"], project.dir);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^src\/refused\.ts:3:\d+ - error TSVMAP9002: /);
    expect(fs.readFileSync(project.file("prebuilt/refused.ts"), "utf8")).toBe(fs.readFileSync(project.file("src/refused.ts"), "utf8"));
    expect(fs.readFileSync(project.file("prebuilt/results.ts"), "utf8")).toContain(".compiledAs(");
  });

  it("refuses a command line without --outDir with exit code 2", () => {
    const { status, stderr } = tsvmap(["build", "src"], project.dir);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^tsvmap: build needs --outDir DIR\n\nUsage: tsvmap inspect FILE/);
    expect(tsvmap(["build", "src", "--outdir", "x"], project.dir).stderr).toMatch(/^tsvmap: Unknown option '--outdir'/);
  });
});
