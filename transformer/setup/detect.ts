import * as fs from "node:fs";
import * as path from "node:path";

/** The build tools `tsvmap init` knows how to set up, in the order it prefers them when several are present. */
export type BuildTool = "vite" | "rspack" | "webpack" | "rollup" | "esbuild" | PrebuildTool | "tsc" | "none";

/** The tools that cannot run a transformer: they get the call sites compiled ahead by `tsvmap build`. */
export type PrebuildTool = "tsx" | "bun" | "deno" | "swc" | "typescript 7";

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
  { tool: "rollup", configBase: "rollup.config", packages: ["rollup"] },
  { tool: "esbuild", configBase: "esbuild.config", packages: ["esbuild"] },
];

/** Known by their package (deno by its config file too); TypeScript 7 (`tsc` with no transformer API) by the version the project asks for. */
const prebuildTools: readonly { tool: PrebuildTool; packages: readonly string[]; configs?: readonly string[] }[] = [
  { tool: "tsx", packages: ["tsx"] },
  { tool: "bun", packages: ["bun", "@types/bun", "bun-types"] },
  { tool: "deno", packages: ["deno"], configs: ["deno.json", "deno.jsonc"] },
  { tool: "swc", packages: ["@swc/core", "@swc/cli"] },
];
const typescript7 = /^(?:npm:typescript@)?[\^~>=]*7\./;

export function isPrebuildTool(tool: BuildTool): tool is PrebuildTool {
  return tool === "typescript 7" || prebuildTools.some((known) => known.tool === tool);
}

const configExtensions = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

export function detectProject(dir: string): ProjectKind {
  const packageJson = existing(path.join(dir, "package.json"));
  const tsconfig = existing(path.join(dir, "tsconfig.json"));
  const dependencies = packageJson === undefined ? new Map<string, string>() : dependencyVersions(packageJson);
  for (const bundler of bundlers) {
    const config = configExtensions.map((ext) => existing(path.join(dir, bundler.configBase + ext))).find((file) => file !== undefined);
    if (config !== undefined) return { tool: bundler.tool, evidence: path.basename(config), tsconfig, packageJson };
    const dependency = bundler.packages.find((name) => dependencies.has(name));
    if (dependency !== undefined) return { tool: bundler.tool, evidence: `"${dependency}" in package.json`, tsconfig, packageJson };
  }
  for (const prebuild of prebuildTools) {
    const config = (prebuild.configs ?? []).map((base) => existing(path.join(dir, base))).find((file) => file !== undefined);
    if (config !== undefined) return { tool: prebuild.tool, evidence: path.basename(config), tsconfig, packageJson };
    const dependency = prebuild.packages.find((name) => dependencies.has(name));
    if (dependency !== undefined) return { tool: prebuild.tool, evidence: `"${dependency}" in package.json`, tsconfig, packageJson };
  }
  const typescript = dependencies.get("typescript");
  if (typescript !== undefined && typescript7.test(typescript)) return { tool: "typescript 7", evidence: `"typescript": "${typescript}" in package.json`, tsconfig, packageJson };
  if (tsconfig !== undefined) return { tool: "tsc", evidence: "tsconfig.json", tsconfig, packageJson };
  return { tool: "none", evidence: "no tsconfig.json and no bundler", tsconfig, packageJson };
}

function dependencyVersions(packageJson: string): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(packageJson, "utf8")) as Record<string, unknown>;
  const entries = ["dependencies", "devDependencies", "peerDependencies"].flatMap((field) =>
    Object.entries((manifest[field] as Record<string, string> | undefined) ?? {}),
  );
  return new Map(entries);
}

function existing(file: string): string | undefined {
  return fs.existsSync(file) ? file : undefined;
}
