import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, it } from "vitest";

// Every positive fixture in ONE program, built by ts-patch's `tspc` with the plugin: one user
// project that uses every accepted form together must build with no diagnostic at all.
const repository = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = path.join(repository, "fixtures");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-all-fixtures-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const positive = fs.readdirSync(fixtures).filter((name) => fs.existsSync(path.join(fixtures, name, "input.ts")));

it("compiles every positive fixture in one tspc run, exit code 0", () => {
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(fixtures, "tsconfig.json"),
      compilerOptions: {
        noEmit: false,
        rootDir: repository,
        outDir: path.join(dir, "out"),
        typeRoots: [path.join(repository, "node_modules/@types")],
        plugins: [{ transform: path.join(repository, "dist/transformer/index.js") }],
      },
      include: positive.map((name) => path.join(fixtures, name, "**/*.ts")),
    }),
  );
  const build = spawnSync(process.execPath, [path.join(repository, "node_modules/ts-patch/bin/tspc.js"), "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8" });
  expect(build.stdout + build.stderr).toBe("");
  expect(build.status).toBe(0);
  const emitted = positive.map((name) => fs.readFileSync(path.join(dir, "out/fixtures", name, "input.js"), "utf8"));
  expect(emitted.filter((javascript) => javascript.includes('require("tsvmap/runtime")'))).toHaveLength(positive.length);
}, 120_000);
