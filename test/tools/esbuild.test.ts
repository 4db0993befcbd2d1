import { describeBundler } from "./bundler-case";

describeBundler({
  name: "esbuild",
  files: (pluginOptions) => ({
    "build.mjs": `import * as esbuild from "esbuild";
import tsvmap from "tsvmap/esbuild";

await esbuild.build({
  entryPoints: [process.env.ENTRY],
  bundle: true,
  platform: "node",
  format: "esm",
  outfile: "dist/main.js",
  sourcemap: true,
  plugins: [tsvmap(${pluginOptions})],
  logLevel: "warning",
});
`,
  }),
  command: ["build.mjs"],
  bundle: "dist/main.js",
});
