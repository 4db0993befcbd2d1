import { describeBundler } from "./bundler-case";
import { webpackLikeBuild } from "./webpack-like";

describeBundler({
  name: "webpack",
  files: (pluginOptions) => ({
    "build.mjs": webpackLikeBuild(pluginOptions, `import webpack from "webpack";\nimport tsvmap from "tsvmap/webpack";`, "webpack", `loader: "esbuild-loader", options: { target: "es2022" }`),
  }),
  command: ["build.mjs"],
  bundle: "dist/main.cjs",
});
