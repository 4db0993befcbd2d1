// The demo: compile the example project in examples/seed with tspc and the
// tsvmap plugin, run it, and show what the transformer wrote for its vmap sites.
// Run it with `npm run demo` (which builds tsvmap first).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const project = path.join(root, "examples", "seed");

// The example imports "tsvmap" as a user project would; here it is this checkout.
const link = path.join(project, "node_modules", "tsvmap");
if (!fs.existsSync(link)) {
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
}

const tspc = path.join(root, "node_modules", ".bin", "tspc");
console.log(`$ tspc -p examples/seed/tsconfig.json`);
execFileSync(tspc, ["-p", path.join(project, "tsconfig.json")], { stdio: "inherit" });

console.log(`\n$ node examples/seed/out/main.js`);
execFileSync(process.execPath, [path.join(project, "out", "main.js")], { stdio: "inherit" });

console.log(`\n$ tsvmap inspect examples/seed/main.ts --site 1   # the code vmap(sumOfSquares) became`);
execFileSync(process.execPath, [path.join(root, "dist", "transformer", "cli.js"), "inspect", path.join(project, "main.ts"), "--site", "1"], { stdio: "inherit" });
