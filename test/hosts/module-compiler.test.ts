import * as fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createModuleCompiler } from "../../transformer/hosts/module-compiler";
import { createTempProject, installedTsvmap } from "../transformer/project";

// A vite-template layout: a solution-style tsconfig.json whose referenced project holds the sources.
const project = createTempProject({
  ...installedTsvmap,
  "package.json": JSON.stringify({ name: "user-app", type: "module" }),
  "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }] }),
  "tsconfig.app.json": JSON.stringify({
    compilerOptions: { composite: true, module: "nodenext", moduleResolution: "nodenext", target: "ES2022", strict: true, removeComments: true, types: [] },
    include: ["src"],
  }),
  "src/lib/double.ts": "export const double = (x: number) => x * 2;\n",
  "src/lib/index.ts": 'export { double } from "./double.js";\n',
  "src/main.ts": ['import { vmap } from "tsvmap";', 'import { double } from "./lib/index.js";', "// a comment the app config removes", "export const doubled = vmap(double);"].join("\n"),
  "src/refused.ts": ['import { vmap } from "tsvmap";', "const axes = 0;", "export const kept = vmap((x: number) => x, { inAxes: axes });"].join("\n"),
  "src/mentions.ts": '// tsvmap is mentioned here, but nothing is vmapped.\nexport const answer: number = 42;\n',
});
afterAll(() => project.remove());

const read = (relative: string) => fs.readFileSync(project.file(relative), "utf8");
const compiler = createModuleCompiler(undefined);
const compile = (relative: string) => compiler.compile(project.file(relative), read(relative));

describe("the module compiler behind tsvmap/unplugin", () => {
  it("compiles with the referenced project's options and keeps ES imports for the bundler, even under module nodenext", () => {
    const compiled = compile("src/main.ts");
    expect(compiled?.messages).toEqual([]);
    const code = compiled?.output?.code ?? "";
    expect(code).toContain('from "tsvmap/runtime"');
    expect(code).toContain("export const doubled");
    expect(code).not.toContain("require(");
    expect(code).not.toMatch(/\bvmap\(/);
    expect(code).not.toContain("a comment the app config removes");
  });

  it("maps the module back to its source, text included", () => {
    const map = compile("src/main.ts")?.output?.map;
    expect(map?.sources).toContain(project.file("src/main.ts"));
    expect(map?.sourcesContent?.[map.sources.indexOf(project.file("src/main.ts"))]).toBe(read("src/main.ts"));
  });

  it("names every project file the module reaches through imports and re-exports, and no declaration file", () => {
    expect([...(compile("src/main.ts")?.dependencies ?? [])].sort()).toEqual([project.file("src/lib/double.ts"), project.file("src/lib/index.ts")]);
  });

  it("leaves a module with no vmap site to the bundler", () => {
    const compiled = compile("src/mentions.ts");
    expect(compiled?.output).toBeUndefined();
    expect(compiled?.messages).toEqual([]);
  });

  it("turns a refused site into an error message with its file, line, column and code", () => {
    const [message, ...others] = compile("src/refused.ts")?.messages ?? [];
    expect(others).toEqual([]);
    expect(message.severity).toBe("error");
    expect(message.code).toBe("TSVMAP9002");
    expect(message.message).toContain(`${project.file("src/refused.ts")}:3:`);
    expect(message.loc).toMatchObject({ file: project.file("src/refused.ts"), line: 3 });
  });
});
