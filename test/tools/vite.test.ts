import { describeBundler, toolBin } from "./bundler-case";

describeBundler({
  name: "vite",
  files: (pluginOptions) => ({
    "vite.config.mjs": `import tsvmap from "tsvmap/vite";

export default {
  plugins: [tsvmap(${pluginOptions})],
  logLevel: "warn",
  build: { lib: { entry: process.env.ENTRY, formats: ["es"], fileName: "main" }, minify: false, sourcemap: true },
};
`,
  }),
  command: [toolBin("vite/bin/vite.js"), "build"],
  bundle: "dist/main.js",
});
