import * as fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createCompileCache } from "../../transformer/hosts/compile-cache";
import { createModuleCompiler } from "../../transformer/hosts/module-compiler";
import { createTempProject, installedTsvmap } from "../transformer/project";

// A solution-style config (vite's template) whose app project includes src; main.ts imports a directory.
const project = createTempProject({
  ...installedTsvmap,
  "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }] }),
  "tsconfig.app.json": JSON.stringify({ compilerOptions: { composite: true, module: "esnext", moduleResolution: "bundler", target: "ES2022", strict: true, types: [] }, include: ["src"] }),
  "src/kernels/index.ts": "export const double = (x: number) => x * 2;\n",
  "src/main.ts": 'import { vmap } from "tsvmap";\nimport { double } from "./kernels";\nexport const doubled = vmap(double);\n',
});
afterAll(() => project.remove());

const main = project.file("src/main.ts");
const mainText = fs.readFileSync(main, "utf8");
const compiled = createModuleCompiler(undefined).compile(main, mainText)!;
const cache = createCompileCache(project.file("node_modules/.cache/tsvmap"), "tsvmap 1, typescript 6", {});
cache.write(main, compiled);

/** Checks that the entry misses while `change` is made to the project, and is used again once it is undone. */
function expectMissWhile(change: () => () => void): void {
  expect(cache.read(main, mainText)).toEqual(compiled);
  const undo = change();
  try {
    expect(cache.read(main, mainText)).toBeUndefined();
  } finally {
    undo();
  }
  expect(cache.read(main, mainText)).toEqual(compiled);
}

function created(relative: string, text: string): () => () => void {
  return () => {
    fs.writeFileSync(project.file(relative), text);
    return () => fs.rmSync(project.file(relative));
  };
}

describe("what the on-disk cache sees besides the files a module was compiled from", () => {
  it("a new file that changes what an import resolves to: ./kernels.ts before ./kernels/index.ts", () => {
    expectMissWhile(created("src/kernels.ts", "export const double = (x: number) => x * 3;\n"));
  });

  it("a new declaration file in the config's include, which could declare globals", () => {
    expectMissWhile(created("src/kernels/globals.d.ts", "declare const scale: number;\n"));
  });

  it("a new tsconfig.json nearer the module, which would own it", () => {
    expectMissWhile(created("src/tsconfig.json", JSON.stringify({ compilerOptions: { target: "ES2015" } })));
  });

  it("an edit of the solution's outer tsconfig.json, which hands the module to a referenced project", () => {
    expectMissWhile(() => {
      const original = fs.readFileSync(project.file("tsconfig.json"), "utf8");
      fs.writeFileSync(project.file("tsconfig.json"), JSON.stringify({ files: [], references: [{ path: "./tsconfig.other.json" }, { path: "./tsconfig.app.json" }] }));
      return () => fs.writeFileSync(project.file("tsconfig.json"), original);
    });
  });

  it("an edit of a package.json that module resolution read", () => {
    expectMissWhile(() => {
      const manifest = project.file("node_modules/tsvmap/package.json");
      const original = fs.readFileSync(manifest, "utf8");
      fs.writeFileSync(manifest, original.replace('"types":"./index.d.ts"', '"types":"./other.d.ts"'));
      return () => fs.writeFileSync(manifest, original);
    });
  });
});
