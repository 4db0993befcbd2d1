import * as fs from "node:fs";
import * as path from "node:path";

/** The build tools `tsvmap init` knows how to set up, in the order it prefers them when several are present. */
export type BuildTool = "vite" | "rspack" | "webpack" | "esbuild" | "tsc" | "none";

/** What a project's files say about how it is built. */
export interface ProjectKind {
  readonly tool: BuildTool;
  /** Why: the config file or dependency that decided it. */
  readonly evidence: string;
  readonly tsconfig: string | undefined;
  readonly packageJson: string | undefined;
}

/** A bundler is known by its config file or its package among the dependencies. */
const bundlers: readonly { tool: BuildTool; configBase: string; packages: readonly string[] }[] = [
  { tool: "vite", configBase: "vite.config", packages: ["vite", "vitest"] },
  { tool: "rspack", configBase: "rspack.config", packages: ["@rspack/core", "@rspack/cli"] },
  { tool: "webpack", configBase: "webpack.config", packages: ["webpack", "webpack-cli"] },
  { tool: "esbuild", configBase: "esbuild.config", packages: ["esbuild"] },
];

const configExtensions = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

export function detectProject(dir: string): ProjectKind {
  const packageJson = existing(path.join(dir, "package.json"));
  const tsconfig = existing(path.join(dir, "tsconfig.json"));
  const dependencies = packageJson === undefined ? new Set<string>() : dependencyNames(packageJson);
  for (const bundler of bundlers) {
    const config = configExtensions.map((ext) => existing(path.join(dir, bundler.configBase + ext))).find((file) => file !== undefined);
    if (config !== undefined) return { tool: bundler.tool, evidence: path.basename(config), tsconfig, packageJson };
    const dependency = bundler.packages.find((name) => dependencies.has(name));
    if (dependency !== undefined) return { tool: bundler.tool, evidence: `"${dependency}" in package.json`, tsconfig, packageJson };
  }
  if (tsconfig !== undefined) return { tool: "tsc", evidence: "tsconfig.json", tsconfig, packageJson };
  return { tool: "none", evidence: "no tsconfig.json and no bundler", tsconfig, packageJson };
}

function dependencyNames(packageJson: string): Set<string> {
  const manifest = JSON.parse(fs.readFileSync(packageJson, "utf8")) as Record<string, unknown>;
  const names = ["dependencies", "devDependencies", "peerDependencies"].flatMap((field) =>
    Object.keys((manifest[field] as Record<string, unknown> | undefined) ?? {}),
  );
  return new Set(names);
}

function existing(file: string): string | undefined {
  return fs.existsSync(file) ? file : undefined;
}
