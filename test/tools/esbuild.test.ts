import { describeBundler } from "./bundler-case";

describeBundler({
  name: "esbuild",
  files: {
    "build.mjs": `import * as esbuild from "esbuild";
import tsvmap from "tsvmap/esbuild";

await esbuild.build({
  entryPoints: [process.env.ENTRY],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: "dist/main.js",
  sourcemap: true,
  plugins: [tsvmap()],
  logLevel: "error",
});
`,
  },
  command: ["build.mjs"],
  bundle: "dist/main.js",
});
