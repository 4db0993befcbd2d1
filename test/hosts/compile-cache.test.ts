import * as fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createCompileCache } from "../../transformer/hosts/compile-cache";
import { createModuleCompiler } from "../../transformer/hosts/module-compiler";
import { createTempProject, installedTsvmap } from "../transformer/project";

const project = createTempProject({
  ...installedTsvmap,
  "tsconfig.json": JSON.stringify({ extends: "./tsconfig.base.json", include: ["src"] }),
  "tsconfig.base.json": JSON.stringify({ compilerOptions: { module: "esnext", moduleResolution: "bundler", target: "ES2022", strict: true, types: [] } }),
  "src/double.ts": "export const double = (x: number) => x * 2;\n",
  "src/main.ts": 'import { vmap } from "tsvmap";\nimport { double } from "./double";\nexport const doubled = vmap(double);\n',
});
afterAll(() => project.remove());

const main = project.file("src/main.ts");
const mainText = fs.readFileSync(main, "utf8");
const compiled = createModuleCompiler(undefined).compile(main, mainText)!;
const cacheDir = project.file("node_modules/.cache/tsvmap");
const cache = createCompileCache(cacheDir, "tsvmap 1, typescript 6", {});
cache.write(main, compiled);

describe("the on-disk cache of tsvmap/unplugin", () => {
  it("records every file the module was compiled from: itself, its imports, tsvmap's manifest and declarations, the tsconfig chain", () => {
    const projectFiles = Object.keys(compiled.inputs).filter((file) => file.startsWith(project.dir));
    expect(projectFiles.sort()).toEqual(
      ["node_modules/tsvmap/index.d.ts", "node_modules/tsvmap/np.d.ts", "node_modules/tsvmap/package.json", "src/double.ts", "src/main.ts", "tsconfig.base.json", "tsconfig.json"]
        .map(project.file)
        .sort(),
    );
  });

  it("gives back what was compiled while nothing it read changed", () => {
    expect(compiled.output?.code).toContain("tsvmap/runtime");
    expect(cache.read(main, mainText)).toEqual(compiled);
  });

  it("misses when the module's text, another tsvmap or TypeScript, or the plugin options differ", () => {
    expect(cache.read(main, `${mainText}\n`)).toBeUndefined();
    expect(createCompileCache(cacheDir, "tsvmap 2, typescript 6", {}).read(main, mainText)).toBeUndefined();
    expect(createCompileCache(cacheDir, "tsvmap 1, typescript 6", { tsconfig: "other.json" }).read(main, mainText)).toBeUndefined();
  });

  it("misses once a file the module imports or a tsconfig it extends changed on disk", () => {
    for (const relative of ["src/double.ts", "tsconfig.base.json"]) {
      const original = fs.readFileSync(project.file(relative), "utf8");
      fs.writeFileSync(project.file(relative), `${original} `);
      expect(cache.read(main, mainText), relative).toBeUndefined();
      fs.writeFileSync(project.file(relative), original);
      expect(cache.read(main, mainText), relative).toEqual(compiled);
    }
  });
});
