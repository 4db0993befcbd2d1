// `npm run corpus`: the plugin over real TypeScript that has no vmap. Every .ts/.mts/.cts/.tsx source
// (not a declaration file) under node_modules/ and test/corpus/node_modules/ is emitted twice, with and
// without vmapTransformer, from one ts.Program per batch of files: the outputs must be byte-identical
// and the plugin must neither throw nor report. Prints the counts and the plugin's added emit time.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

const repository = path.resolve(import.meta.dirname, "../..");
// tsvmap's own TypeScript, not the one some corpus package brought along.
const ts = createRequire(path.join(repository, "package.json"))("typescript");
const { vmapTransformer } = await import(path.join(repository, "dist/transformer/index.js")).catch(() => {
  throw new Error("dist/transformer/index.js is missing: run `npm run build` first");
});

const roots = [path.join(repository, "node_modules"), path.join(repository, "test/corpus/node_modules")];
const sourcePattern = /\.(?:ts|mts|cts|tsx)$/;
const declarationPattern = /\.d\.(?:ts|mts|cts)$|\.d\.[\w-]+\.ts$/;
const batchSize = 200;

function collect(directory, found) {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) collect(full, found);
    else if (entry.isFile() && sourcePattern.test(entry.name) && !declarationPattern.test(entry.name)) found.add(fs.realpathSync(full));
  }
  return found;
}

const all = [...roots.filter((root) => fs.existsSync(root)).reduce((found, root) => collect(root, found), new Set())].sort();
const files = all.filter((file) => !/\bvmap\b/.test(fs.readFileSync(file, "utf8")));

const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  noResolve: true,
  types: [],
  skipLibCheck: true,
  sourceMap: false,
  declaration: false,
  noEmitOnError: false,
  ignoreDeprecations: "6.0",
};

// TypeScript's lib files are parsed once and shared by every batch's program.
const baseHost = ts.createCompilerHost(options);
const shared = new Map();
const host = {
  ...baseHost,
  getSourceFile(fileName, languageVersion) {
    if (!fileName.includes(`${path.sep}typescript${path.sep}lib${path.sep}`)) return baseHost.getSourceFile(fileName, languageVersion);
    if (!shared.has(fileName)) shared.set(fileName, baseHost.getSourceFile(fileName, languageVersion));
    return shared.get(fileName);
  },
};

/** The emitted files of one source, by name, and how long emitting took. */
function emit(program, sourceFile, transformers) {
  const outputs = new Map();
  const started = performance.now();
  program.emit(sourceFile, (name, text) => outputs.set(name, text), undefined, false, transformers);
  return { outputs, ms: performance.now() - started };
}

let crashes = 0;
let differences = 0;
let typescriptFailures = 0;
let plainMs = 0;
let pluginMs = 0;
const examples = [];

for (let start = 0; start < files.length; start += batchSize) {
  const batch = files.slice(start, start + batchSize);
  const program = ts.createProgram(batch, options, host);
  const reports = [];
  const plugin = vmapTransformer(program, { ts, addDiagnostic: (d) => reports.push(d) });
  batch.forEach((file, i) => {
    const sourceFile = program.getSourceFile(file);
    const relative = path.relative(repository, file);
    // Type-check first: the first emit of a file would otherwise pay for checking it, whichever it is.
    program.getSemanticDiagnostics(sourceFile);
    // Alternate which emit goes first, so that warm caches favour neither.
    const order = i % 2 === 0 ? ["plain", "plugin"] : ["plugin", "plain"];
    const result = {};
    for (const kind of order) {
      try {
        result[kind] = emit(program, sourceFile, kind === "plugin" ? { before: [plugin] } : undefined);
      } catch (error) {
        result[kind] = { error };
      }
    }
    if (result.plain.error !== undefined) {
      typescriptFailures++;
      return;
    }
    if (result.plugin.error !== undefined || reports.length > 0) {
      crashes++;
      examples.push(`CRASH ${relative}: ${result.plugin.error?.stack?.split("\n")[0] ?? ts.flattenDiagnosticMessageText(reports[0].messageText, " ")}`);
      reports.length = 0;
      return;
    }
    plainMs += result.plain.ms;
    pluginMs += result.plugin.ms;
    const plain = [...result.plain.outputs].map(([name, text]) => `${name}\n${text}`).join("\n");
    const withPlugin = [...result.plugin.outputs].map(([name, text]) => `${name}\n${text}`).join("\n");
    if (plain !== withPlugin) {
      differences++;
      examples.push(`DIFFERENT ${relative}`);
    }
  });
  process.stderr.write(`${Math.min(start + batchSize, files.length)} of ${files.length} files\n`);
}

console.log(`${files.length} real TypeScript files without vmap (of ${all.length} found; ${all.length - files.length} mention vmap and are skipped)`);
console.log(`crashes: ${crashes}, byte differences: ${differences}${typescriptFailures > 0 ? `, files TypeScript itself cannot emit: ${typescriptFailures}` : ""}`);
console.log(`emit time: plain ${plainMs.toFixed(0)} ms, with the plugin ${pluginMs.toFixed(0)} ms (+${(100 * (pluginMs / plainMs - 1)).toFixed(1)}%)`);
for (const example of examples.slice(0, 20)) console.log(example);
process.exitCode = crashes + differences === 0 ? 0 : 1;
