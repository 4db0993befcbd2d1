import { describeBundler } from "./bundler-case";
import { webpackLikeBuild } from "./webpack-like";

describeBundler({
  name: "rspack",
  files: (pluginOptions) => ({
    "build.mjs": webpackLikeBuild(pluginOptions, 
      `import { rspack } from "@rspack/core";\nimport tsvmap from "tsvmap/rspack";`,
      "rspack",
      `loader: "builtin:swc-loader", options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }`,
    ),
  }),
  command: ["build.mjs"],
  bundle: "dist/main.cjs",
});
