import { describeBundler } from "./bundler-case";

describeBundler({
  name: "rollup",
  files: (pluginOptions) => ({
    "build.mjs": `import { rollup } from "rollup";
import esbuild from "rollup-plugin-esbuild";
import tsvmap from "tsvmap/rollup";

// tsvmap stays an import of the installed package, as in a library build.
const bundle = await rollup({ input: process.env.ENTRY, external: [/^tsvmap(\\/|$)/], plugins: [tsvmap(${pluginOptions}), esbuild({ target: "es2022" })] });
await bundle.write({ file: "dist/main.js", format: "es", sourcemap: true });
await bundle.close();
`,
  }),
  command: ["build.mjs"],
  bundle: "dist/main.js",
});
