import * as fs from "node:fs";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

/**
 * A production vite build (minified, tree-shaken) of one ES module of
 * `project`, its exports kept, into `project/<outDir>/bundle.js`; returns the
 * bundle's path and its sizes in bytes.
 */
export async function bundleModule(project, entry, outDir) {
  await build({
    root: project,
    configFile: false,
    logLevel: "warn",
    build: {
      outDir,
      minify: true,
      rolldownOptions: { input: path.join(project, entry), preserveEntrySignatures: "strict", output: { entryFileNames: "bundle.js" } },
    },
  });
  const file = path.join(project, outDir, "bundle.js");
  const bundle = fs.readFileSync(file);
  return { file, minified: bundle.length, gzip: gzipSync(bundle).length };
}
