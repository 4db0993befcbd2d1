import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempProject } from "../transformer/project";
import { modules, repository } from "./example-project";
import { TsServer } from "./tsserver-client";

// The editor plugin inside a real tsserver, listed in the project's tsconfig as a user writes it.
const project = createTempProject({
  "package.json": JSON.stringify({ name: "editor-user", private: true }),
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "nodenext", strict: true, types: [], plugins: [{ name: "tsvmap/language-service" }] },
    include: ["src"],
  }),
  "src/main.ts": 'import { vmap, np } from "tsvmap";\n\nexport const doubled = vmap((x: number) => 2 * x);\nconsole.log(doubled(np.array([1, 2, 3])).toString());\n',
  "src/refused.ts": 'import { vmap } from "tsvmap";\n\nexport const along = (axis: number) => vmap((x: number) => x, { inAxes: axis });\n',
});
fs.mkdirSync(project.file("node_modules"));
fs.symlinkSync(repository, project.file("node_modules/tsvmap"), "dir");
const logFile = project.file("tsserver.log");

let server: TsServer;
beforeAll(() => {
  // As an editor does for its extensions, tell tsserver where plugins may be installed.
  server = new TsServer(path.join(modules, "typescript/lib/tsserver.js"), ["--pluginProbeLocations", project.dir, "--logVerbosity", "verbose", "--logFile", logFile], project.dir);
  server.notify("open", { file: project.file("src/main.ts") });
  server.notify("open", { file: project.file("src/refused.ts") });
});
afterAll(() => {
  server.close();
  project.remove();
});

interface Diagnostic {
  readonly text: string;
  readonly code: number;
  readonly start: { line: number; offset: number };
}

describe("tsvmap/language-service in tsserver", () => {
  it("adds a TSVMAP diagnostic at a refused site", async () => {
    const response = await server.request("semanticDiagnosticsSync", { file: project.file("src/refused.ts") });
    expect(response.success).toBe(true);
    const diagnostics = response.body as Diagnostic[];
    expect(diagnostics.map((d) => `${d.start.line}:${d.code} ${d.text.split(":")[0]}`)).toEqual([expect.stringMatching(/^3:9002 TSVMAP9002$/)]);
    expect(fs.readFileSync(logFile, "utf8")).toContain("tsvmap/language-service");
  });

  it("adds nothing to a file whose sites compile", async () => {
    const response = await server.request("semanticDiagnosticsSync", { file: project.file("src/main.ts") });
    expect(response.body).toEqual([]);
  });

  it("shows the compiled code on hover over vmap", async () => {
    const response = await server.request("quickinfo", { file: project.file("src/main.ts"), line: 3, offset: 24 });
    const body = response.body as { displayString: string; documentation: string };
    expect(body.displayString).toContain("vmap");
    expect(body.documentation).toContain("tsvmap compiles this call to:");
    expect(body.documentation).toMatch(/tsvmap_runtime\.\w+\(/);
  });

  it("shows why a refused site is not compiled on hover", async () => {
    const response = await server.request("quickinfo", { file: project.file("src/refused.ts"), line: 3, offset: 40 });
    expect((response.body as { documentation: string }).documentation).toMatch(/tsvmap does not compile this call: TSVMAP9002: /);
  });

  it("follows an edit: the refused site fixed, its diagnostic goes", async () => {
    const file = project.file("src/refused.ts");
    server.notify("change", { file, line: 3, offset: 73, endLine: 3, endOffset: 77, insertString: "0" });
    const response = await server.request("semanticDiagnosticsSync", { file });
    expect(response.body).toEqual([]);
  });
});
