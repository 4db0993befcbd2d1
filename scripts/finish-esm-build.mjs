// Makes dist/esm loadable by Node as ES modules. tsc keeps the sources'
// extensionless relative specifiers ("./tensor"), which Node's ESM resolver
// does not complete; each becomes the file it names ("./tensor.js",
// "./batched/index.js"), in the .js files and in the .d.ts files, so that
// TypeScript under NodeNext resolves the declarations the same way.
import * as fs from "node:fs";
import * as path from "node:path";

const root = path.resolve(process.argv[2] ?? "dist/esm");
const relativeSpecifier = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.\.?\/[^"']*)\2/g;

function completed(directory, specifier) {
  if (/\.(m?js|json)$/.test(specifier)) return specifier;
  const target = path.resolve(directory, specifier);
  if (fs.existsSync(`${target}.js`)) return `${specifier}.js`;
  if (fs.existsSync(path.join(target, "index.js"))) return `${specifier}/index.js`;
  throw new Error(`${directory}: "${specifier}" names no module of the ESM build`);
}

function rewrite(file) {
  const directory = path.dirname(file);
  const text = fs.readFileSync(file, "utf8");
  const rewritten = text.replace(relativeSpecifier, (_, keyword, quote, specifier) => `${keyword}${quote}${completed(directory, specifier)}${quote}`);
  if (rewritten !== text) fs.writeFileSync(file, rewritten);
}

for (const entry of fs.readdirSync(root, { recursive: true })) {
  const file = path.join(root, entry);
  if (/\.(js|d\.ts)$/.test(file)) rewrite(file);
}

// "type": "module" makes Node and TypeScript read these files as ES modules.
// "name" is there because the transformer knows tsvmap's declarations by the
// name in their nearest package.json, and this one is nearest.
fs.writeFileSync(path.join(root, "package.json"), `${JSON.stringify({ name: "tsvmap", type: "module", sideEffects: false }, null, 2)}\n`);
