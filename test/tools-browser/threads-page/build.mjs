import * as esbuild from "esbuild";
import tsvmap from "tsvmap/esbuild";

// The page's main-thread script and its dedicated worker's, each a browser ES module bundling tsvmap's ESM runtime.
await esbuild.build({
  entryPoints: ["src/page.ts", "src/worker.ts"],
  bundle: true,
  platform: "browser",
  format: "esm",
  outdir: "dist",
  plugins: [tsvmap()],
  logLevel: "warning",
});
