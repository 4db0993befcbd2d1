// `npm run bench:bundle`: the size of examples/seed in a production vite build,
// against a bundle that keeps the whole runtime. The seed is compiled with
// tspc and the plugin as an ES module project that imports this checkout's
// tsvmap (its ESM build, `sideEffects: false`), then bundled and minified by
// vite with tree shaking; the bundle is run once to check it prints the same.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleModule } from "./bundle.mjs";

const repository = fileURLToPath(new URL("..", import.meta.url));
const project = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-bundle-size-"));
const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  fs.writeFileSync(path.join(project, file), text);
};

try {
  write("package.json", JSON.stringify({ name: "bundle-size", private: true, type: "module" }));
  write("tsconfig.json", JSON.stringify({
    compilerOptions: { target: "ES2022", module: "nodenext", strict: true, types: [], rootDir: "src", outDir: "out", plugins: [{ transform: "tsvmap/transformer" }] },
    include: ["src"],
  }));
  write("src/main.ts", fs.readFileSync(path.join(repository, "examples/seed/main.ts"), "utf8"));
  write("src/everything.ts", 'export * from "tsvmap";\nexport * from "tsvmap/runtime";\n');
  fs.mkdirSync(path.join(project, "node_modules"));
  for (const name of ["typescript", "ts-patch"]) fs.symlinkSync(path.join(repository, "node_modules", name), path.join(project, "node_modules", name), "dir");
  fs.symlinkSync(repository, path.join(project, "node_modules/tsvmap"), "dir");
  execFileSync(process.execPath, [path.join(repository, "node_modules/ts-patch/bin/tspc.js"), "-p", "tsconfig.json"], { cwd: project, stdio: "inherit" });

  const seed = await bundleModule(project, "out/main.js", "dist-main");
  const everything = await bundleModule(project, "out/everything.js", "dist-everything");

  const compiled = spawnSync(process.execPath, ["out/main.js"], { cwd: project, encoding: "utf8" });
  const bundled = spawnSync(process.execPath, [seed.file], { cwd: project, encoding: "utf8" });
  if (bundled.stdout !== compiled.stdout || bundled.status !== 0) throw new Error(`the bundle printed\n${bundled.stdout}${bundled.stderr}\nnot\n${compiled.stdout}`);

  const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
  console.log(`examples/seed, vite production build: ${kB(seed.minified)} minified, ${kB(seed.gzip)} gzip`);
  console.log(`the whole runtime (tsvmap and tsvmap/runtime): ${kB(everything.minified)} minified, ${kB(everything.gzip)} gzip`);
} finally {
  fs.rmSync(project, { recursive: true, force: true });
}
