// The entry of `node --build-snapshot` (see compiler-snapshot.ts). It loads
// TypeScript and the module compiler, compiles a warm-up call site in the
// project of the current directory, and keeps the files that compile parsed
// and bound: the lib files above all, which are most of what a cold compile
// costs. A process started from the snapshot is the compiler server
// (compiler-server.ts): each build it serves gets a fresh module compiler
// that takes those files where their text and parse options are unchanged.
//
// A snapshot builder's entry has no `exports` and may `require` only Node's
// own modules: this file is a script (types come from `import()` types) whose
// names live in the block below, and TypeScript and the compiler's modules
// are run as CommonJS by hand.
{
  const fs = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const v8 = require("node:v8") as typeof import("node:v8");
  const vm = require("node:vm") as typeof import("node:vm");

  const typescriptFile = process.env.TSVMAP_TYPESCRIPT!;
  const explicitConfig = process.env.TSVMAP_TSCONFIG || undefined;

  const loaded = new Map<string, { exports: unknown }>();
  function load(fileName: string): unknown {
    const known = loaded.get(fileName);
    if (known !== undefined) return known.exports;
    const module = { exports: {} };
    loaded.set(fileName, module);
    const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(fileName, "utf8")}\n})`, { filename: fileName });
    const directory = path.dirname(fileName);
    wrapper.call(module.exports, module.exports, (specifier: string) => requireFrom(directory, specifier), module, fileName, directory);
    return module.exports;
  }
  function requireFrom(directory: string, specifier: string): unknown {
    if (specifier === "typescript") return load(typescriptFile);
    if (!specifier.startsWith(".")) return require(specifier);
    const resolved = path.resolve(directory, specifier);
    return load([`${resolved}.js`, path.join(resolved, "index.js")].find((candidate) => fs.existsSync(candidate)) ?? resolved);
  }

  const { createModuleCompiler } = load(path.join(__dirname, "module-compiler.js")) as typeof import("./module-compiler");
  const { createRecorder } = load(path.join(__dirname, "preparsed-registry.js")) as typeof import("./preparsed-registry");
  const { runCompilerServer } = load(path.join(__dirname, "compiler-server.js")) as typeof import("./compiler-server");

  const recorder = createRecorder();
  const warmUpFile = path.join(explicitConfig === undefined ? process.cwd() : path.dirname(path.resolve(explicitConfig)), "__tsvmap_snapshot_warm_up__.ts").replace(/\\/g, "/");
  const warmUpText = `import { np, vmap, type Tensor } from "tsvmap";\nexport const warmUp = vmap((vector: Tensor) => np.sum(np.square(vector)));\n`;
  createModuleCompiler(explicitConfig, {}, recorder.recording).compile(warmUpFile, warmUpText);
  const preparsed = recorder.preparsed(warmUpFile);

  v8.startupSnapshot.setDeserializeMainFunction(() => {
    // Started from a snapshot there is no script: the first arguments are the server's.
    const [socketPath, blob] = process.argv.slice(1);
    const warmUp = () => createModuleCompiler(explicitConfig, {}, preparsed).compile(warmUpFile, warmUpText);
    runCompilerServer(socketPath, blob, ({ tsconfig, forwarded }) => createModuleCompiler(tsconfig, forwarded, preparsed), warmUp);
  });
}
