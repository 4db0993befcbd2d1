// The entry of `node --build-snapshot` for bench/typescript-snapshot.mjs: it
// loads TypeScript, parses and binds the lib files of LIB (all of them when
// ALL_LIBS=1) through one program, and keeps the SourceFiles. A process started
// from the snapshot builds a program over a user file reusing them (the binder
// skips a file already bound) and reports how long each step took.
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");
const vm = require("node:vm");

const typescriptFile = process.env.TYPESCRIPT_FILE;
// A snapshot's entry may require only Node's own modules: TypeScript's single file is run as CommonJS by hand.
const typescriptModule = { exports: {} };
const wrapped = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(typescriptFile, "utf8")}\n})`, {
  filename: typescriptFile,
});
wrapped(typescriptModule.exports, require, typescriptModule, typescriptFile, path.dirname(typescriptFile));
const ts = typescriptModule.exports;

const lib = process.env.LIB.split(",").map((name) => `lib.${name.toLowerCase()}.d.ts`);
const options = { target: ts.ScriptTarget.ES2022, lib, noEmit: true, types: [], strict: true };
const libDirectory = path.dirname(typescriptFile).replace(/\\/g, "/");
const parsed = new Map();
for (const name of fs.readdirSync(libDirectory).filter((file) => /^lib\..*\.d\.ts$/.test(file))) {
  const fileName = `${libDirectory}/${name}`;
  const sourceFile = ts.createSourceFile(fileName, fs.readFileSync(fileName, "utf8"), {
    languageVersion: ts.ScriptTarget.ES2022,
    jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
  });
  parsed.set(fileName, sourceFile);
}

function programOver(rootFile) {
  const host = ts.createCompilerHost(options);
  const readSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, ...rest) => parsed.get(fileName) ?? readSourceFile(fileName, ...rest);
  return ts.createProgram([rootFile], options, host);
}

const warmUp = programOver(process.env.WARM_UP_FILE);
warmUp.getSemanticDiagnostics(warmUp.getSourceFile(process.env.WARM_UP_FILE));
if (process.env.ALL_LIBS !== "1") for (const fileName of [...parsed.keys()]) if (warmUp.getSourceFile(fileName) === undefined) parsed.delete(fileName);

v8.startupSnapshot.setDeserializeMainFunction(() => {
  const ready = performance.now();
  // Started from a snapshot there is no script: the first argument is the user file.
  const userFile = process.argv[1];
  const program = programOver(userFile);
  program.getTypeChecker();
  const checked = performance.now();
  const diagnostics = program.getSemanticDiagnostics(program.getSourceFile(userFile));
  const done = performance.now();
  console.log(JSON.stringify({ ready, programAndChecker: checked - ready, diagnostics: done - checked, errors: diagnostics.length, libFiles: parsed.size }));
});
