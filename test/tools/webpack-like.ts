/**
 * A build script for webpack or rspack (the same config and compiler API):
 * `tsvmap(pluginOptions)` is its plugin, `compiler` the expression creating the compiler from a config, `loader`
 * the TypeScript rule that runs after tsvmap's own pre-loader.
 */
export function webpackLikeBuild(pluginOptions: string, imports: string, compiler: string, loader: string): string {
  return `import * as path from "node:path";
${imports}

const compiler = ${compiler}({
  mode: "production",
  target: "node",
  entry: "./" + process.env.ENTRY,
  output: { path: path.resolve("dist"), filename: "main.cjs" },
  // The sources import "./model.js" for "./model.ts", as module nodenext wants.
  resolve: { extensions: [".ts", ".js"], extensionAlias: { ".js": [".ts", ".js"] } },
  module: { rules: [{ test: /\\.ts$/, ${loader} }] },
  plugins: [tsvmap(${pluginOptions})],
  optimization: { minimize: false },
  devtool: "source-map",
});
compiler.run((error, stats) => {
  if (error || stats.hasErrors()) {
    console.error(error ?? stats.toString("errors-only"));
    process.exitCode = 1;
  } else if (stats.hasWarnings()) {
    console.warn(stats.toString("errors-warnings"));
  }
  compiler.close(() => {});
});
`;
}
