import exampleGlobals from "../example-globals.d.ts?raw";
import { virtualFiles } from "./virtual-files";

/** Where the compiler host looks for `lib.*.d.ts`. */
export const libDirectory = "/node_modules/typescript/lib";
const tsvmapDirectory = "/node_modules/tsvmap";

// ES2022 and what it references; no DOM (the example's globals are declared in example-globals.d.ts).
const libs = import.meta.glob(
  ["../../node_modules/typescript/lib/lib.{es5,es2015*,es2016*,es2017*,es2018*,es2019*,es2020*,es2021*,es2022*,decorators*}.d.ts", "!**/*.full.d.ts"],
  { query: "?raw", import: "default", eager: true },
) as Record<string, string>;

// tsvmap's declarations as `npm run build` writes them, i.e. as the package ships them.
const declarations = import.meta.glob("../../dist/runtime/**/*.d.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;


/** The manifest fields TypeScript's resolution and the transformer's package lookup read. */
const manifest = {
  name: "tsvmap",
  exports: {
    ".": { types: "./dist/runtime/index.d.ts" },
    "./runtime": { types: "./dist/runtime/batched/index.d.ts" },
  },
};

export const globalsFile = "/example-globals.d.ts";

/** Fills the in-memory file system once, before the first compile. */
export function loadLibraryFiles(): void {
  for (const [source, text] of Object.entries(libs)) virtualFiles.set(`${libDirectory}/${source.split("/").pop()}`, text);
  for (const [source, text] of Object.entries(declarations)) virtualFiles.set(`${tsvmapDirectory}/${source.slice(source.indexOf("dist/"))}`, text);
  virtualFiles.set(`${tsvmapDirectory}/package.json`, JSON.stringify(manifest));
  virtualFiles.set(globalsFile, exampleGlobals);
  if (Object.keys(declarations).length === 0) throw new Error("tsvmap's declarations are missing: run `npm run build` first");
}
