import type { BuildTool } from "./detect";

/**
 * What to add to a bundler's config, which `tsvmap init` prints rather than
 * edits: a JavaScript config file can build its plugin list in any way, and
 * rewriting it blindly could break it.
 */
export const bundlerSnippets: Readonly<Partial<Record<BuildTool, { file: string; snippet: string }>>> = {
  vite: {
    file: "vite.config.ts",
    snippet: `import tsvmap from "tsvmap/vite";

export default defineConfig({
  plugins: [tsvmap()],
});`,
  },
  rspack: {
    file: "rspack.config.js",
    snippet: `const tsvmap = require("tsvmap/rspack");

module.exports = {
  plugins: [tsvmap()],
};`,
  },
  webpack: {
    file: "webpack.config.js",
    snippet: `const tsvmap = require("tsvmap/webpack");

module.exports = {
  plugins: [tsvmap()],
};`,
  },
  rollup: {
    file: "rollup.config.mjs, before your TypeScript plugin",
    snippet: `import tsvmap from "tsvmap/rollup";

export default {
  plugins: [tsvmap(), esbuild()],
};`,
  },
  esbuild: {
    file: "your esbuild build script",
    snippet: `import tsvmap from "tsvmap/esbuild";

await esbuild.build({
  plugins: [tsvmap()],
});`,
  },
};
