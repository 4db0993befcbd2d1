import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { toolBin } from "./bundler-case";
import { expectCompiledBundle, runNode } from "./example-project";
import { writeExample } from "./example-sources";
import { eventually } from "../harness/eventually";

// The user's default: the plugin's cache on, and with it the compiler server (off in the other tests: see vitest.config.mts).
const serverOn = { ENTRY: "src/main.ts", TSVMAP_COMPILER_SERVER: "1" };
const dir = writeExample(inject("toolsProject"), "vite-server", {
  "vite.config.mjs": `import tsvmap from "tsvmap/vite";

export default {
  plugins: [tsvmap()],
  logLevel: "warn",
  build: { lib: { entry: process.env.ENTRY, formats: ["es"], fileName: "main" }, minify: false },
};
`,
});
const cacheDirectory = path.join(dir, "node_modules/.cache/tsvmap");
const blobs = () => (fs.existsSync(cacheDirectory) ? fs.readdirSync(cacheDirectory) : []).filter((name) => name.endsWith(".blob")).map((name) => path.join(cacheDirectory, name));
// Deleting the blob ends its server.
afterAll(() => fs.rmSync(cacheDirectory, { recursive: true, force: true }));

describe("vite builds and the compiler server", () => {
  it("the first build makes the compiler snapshot as it exits and starts the server; the build after an edit of a per-example function compiles on it, as tspc does", async () => {
    const first = await runNode([toolBin("vite/bin/vite.js"), "build"], dir, serverOn);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    await expectCompiledBundle(path.join(dir, "dist/main.js"), dir, inject("tspcResults"));

    expect(await eventually(() => blobs().length === 1 && !fs.readdirSync(cacheDirectory).some((name) => name.endsWith(".building")), 60_000)).toBe(true);
    const [blob] = blobs();

    // A change to the function a call site inlines, in another file: the site's module must compile again.
    const norms = path.join(dir, "src/kernels/norms.ts");
    fs.appendFileSync(norms, "// edited\n");
    const usedBefore = fs.statSync(blob).mtimeMs;
    const second = await runNode([toolBin("vite/bin/vite.js"), "build"], dir, serverOn);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    await expectCompiledBundle(path.join(dir, "dist/main.js"), dir, inject("tspcResults"));
    // The server marks its blob used at each build it serves.
    expect(fs.statSync(blob).mtimeMs).toBeGreaterThan(usedBefore);
  });
});
