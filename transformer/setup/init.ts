import * as fs from "node:fs";
import * as path from "node:path";
import { detectProject, isPrebuildTool, type PrebuildTool, type ProjectKind } from "./detect";
import { bundlerSnippets } from "./snippets";
import ts from "typescript";
import { addPlugins, entryText, type PluginEntry } from "./tsconfig-plugins";

/** What `tsvmap init` found and did. */
export interface InitReport {
  readonly kind: ProjectKind;
  /** One line per file changed, saying what changed. */
  readonly changes: readonly string[];
  /** What the user still has to do by hand (snippets to paste, packages to install). */
  readonly todo: readonly string[];
}

const transformPlugin: PluginEntry = { key: "transform", value: "tsvmap/transformer" };
const editorPlugin: PluginEntry = { key: "name", value: "tsvmap/language-service" };
/** Only for builds that emit declarations, whose incremental rebuilds would otherwise miss an edited per-example function. */
const incrementalPlugin: PluginEntry = { key: "transform", value: "tsvmap/incremental", settings: { afterDeclarations: true } };

/**
 * Sets up tsvmap in the project at `dir` for the build tool it uses. Only
 * JSON files are edited (tsconfig.json keeps its comments and layout); running
 * it again changes nothing.
 */
export function initProject(dir: string): InitReport {
  const kind = detectProject(dir);
  const changes: string[] = [];
  const todo: string[] = [];

  if (kind.tsconfig !== undefined) {
    // The ts-patch transform only matters where tspc builds; the editor plugin helps everyone.
    const original = fs.readFileSync(kind.tsconfig, "utf8");
    const tspcEntries = emitsDeclarations(original) ? [transformPlugin, incrementalPlugin] : [transformPlugin];
    const wanted = kind.tool === "tsc" ? [...tspcEntries, editorPlugin] : [editorPlugin];
    const { text, added } = addPlugins(original, wanted);
    if (added.length > 0) {
      fs.writeFileSync(kind.tsconfig, text);
      for (const entry of added) changes.push(`tsconfig.json: added ${entryText(entry)} to compilerOptions.plugins`);
    }
  }

  if (kind.tool === "tsc") {
    if (kind.packageJson !== undefined) {
      const change = useTspcForBuild(kind.packageJson);
      if (change !== undefined) changes.push(change);
    }
    if (!hasDependency(kind.packageJson, "ts-patch")) todo.push("install ts-patch and TypeScript 6: npm install -D ts-patch@4.0.1 typescript@~6.0.3");
  }

  const bundler = bundlerSnippets[kind.tool];
  if (bundler !== undefined) todo.push(`add the tsvmap plugin to ${bundler.file}:\n\n${indent(bundler.snippet)}\n`);

  if (isPrebuildTool(kind.tool)) {
    if (kind.packageJson !== undefined) {
      const change = addPrebuildScript(kind.packageJson);
      if (change !== undefined) changes.push(change);
    }
    const prebuild = kind.packageJson === undefined ? `npx ${prebuildCommand}` : `npm run ${prebuildScript}`;
    todo.push(`compile the call sites first (${prebuild}), then ${prebuildRuns[kind.tool]}`);
  }

  if (kind.tool === "none") {
    todo.push(
      'create a tsconfig.json with { "compilerOptions": { "plugins": [{ "transform": "tsvmap/transformer" }] } } and build with tspc,\n' +
        "  or compile the call sites ahead of any tool with: npx tsvmap build src --outDir .tsvmap/src",
    );
  }
  return { kind, changes, todo };
}

const prebuildScript = "build:vmap";
const prebuildCommand = "tsvmap build src --outDir .tsvmap/src";

/** How each tool takes the tree `tsvmap build` writes. */
const prebuildRuns: Readonly<Record<PrebuildTool, string>> = {
  tsx: "run it: npx tsx .tsvmap/src/main.ts",
  bun: "run it: bun .tsvmap/src/main.ts",
  deno: "run it: deno run --sloppy-imports .tsvmap/src/main.ts",
  swc: "compile it: npx swc .tsvmap/src -d out",
  "typescript 7": 'point a tsconfig at it ("include": [".tsvmap/src"], "rootDir": ".tsvmap/src") and run tsc -p on that',
};

/** Adds the `build:vmap` script that runs the prebuild, unless the project has one. */
function addPrebuildScript(packageJson: string): string | undefined {
  const text = fs.readFileSync(packageJson, "utf8");
  const manifest = JSON.parse(text) as { scripts?: Record<string, string> };
  const scripts = (manifest.scripts ??= {});
  if (scripts[prebuildScript] !== undefined) return undefined;
  scripts[prebuildScript] = prebuildCommand;
  writeManifest(packageJson, text, manifest);
  return `package.json: added the script "${prebuildScript}": "${prebuildCommand}"`;
}

function writeManifest(packageJson: string, originalText: string, manifest: unknown): void {
  const indentation = /^\{\r?\n([ \t]+)/.exec(originalText)?.[1] ?? "  ";
  fs.writeFileSync(packageJson, `${JSON.stringify(manifest, null, indentation)}\n`);
}

/** Makes the `build` script run `tspc` (ts-patch's tsc): added when missing, `tsc` replaced in it otherwise. */
function useTspcForBuild(packageJson: string): string | undefined {
  const text = fs.readFileSync(packageJson, "utf8");
  const manifest = JSON.parse(text) as { scripts?: Record<string, string> };
  const scripts = (manifest.scripts ??= {});
  const before = scripts.build;
  if (before !== undefined && /\btspc\b/.test(before)) return undefined;
  const after = before === undefined ? "tspc" : before.replace(/\btsc\b/g, "tspc");
  if (after === before) return undefined;
  scripts.build = after;
  writeManifest(packageJson, text, manifest);
  return before === undefined
    ? `package.json: added the script "build": "tspc"`
    : `package.json: the build script "${before}" is now "${after}"`;
}

/** Whether the tsconfig.json's own options (not those it extends) ask for declaration files. */
function emitsDeclarations(tsconfigText: string): boolean {
  const { config } = ts.parseConfigFileTextToJson("tsconfig.json", tsconfigText);
  const options = (config as { compilerOptions?: { declaration?: unknown; composite?: unknown } } | undefined)?.compilerOptions;
  return options?.declaration === true || options?.composite === true;
}

function hasDependency(packageJson: string | undefined, name: string): boolean {
  if (packageJson === undefined) return false;
  const manifest = JSON.parse(fs.readFileSync(packageJson, "utf8")) as Record<string, Record<string, string> | undefined>;
  return [manifest.dependencies, manifest.devDependencies].some((deps) => deps !== undefined && name in deps);
}

function indent(text: string): string {
  return text.replace(/^/gm, "    ");
}

export function describeInit(report: InitReport, dir: string): string {
  const lines = [`tsvmap init: ${path.resolve(dir)} builds with ${report.kind.tool} (${report.kind.evidence})`];
  lines.push(...(report.changes.length === 0 ? ["nothing to change: tsvmap is already set up here"] : report.changes.map((change) => `changed ${change}`)));
  lines.push(...report.todo.map((item) => `to do: ${item}`));
  return `${lines.join("\n")}\n`;
}
