import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { afterEach, expect, inject, it } from "vitest";
import { writeExample } from "./example-sources";

let server: ViteDevServer | undefined;
afterEach(() => server?.close());

/** Asks the dev server for a module's transformed code until `changed` holds for it (the watcher reacts asynchronously). */
async function transformedUntil(url: string, changed: (code: string) => boolean): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const code = (await server!.transformRequest(url))?.code ?? "";
    if (changed(code) || attempt === 200) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it("the vite dev server compiles a call site again when its per-example function changes in another file", async () => {
  const toolsProject = inject("toolsProject");
  const dir = writeExample(toolsProject, "vite-dev");
  const tsvmap = createRequire(path.join(toolsProject, "package.json"))("tsvmap/vite") as () => Plugin;
  // Middleware mode: the server listens on no port at all, and still watches the files.
  server = await createServer({ root: dir, configFile: false, logLevel: "silent", plugins: [tsvmap()], appType: "custom", server: { middlewareMode: true, hmr: false } });

  const before = await transformedUntil("/src/results.ts", () => true);
  expect(before).not.toMatch(/\bvmap\)?\(/);
  expect(before).not.toMatch(/\bmax\b/);

  const model = path.join(dir, "src/model.ts");
  fs.writeFileSync(model, fs.readFileSync(model, "utf8").replace("np.mean(example)", "np.max(example)"));

  const after = await transformedUntil("/src/results.ts", (code) => code !== before);
  expect(after).not.toBe(before);
  expect(after).toMatch(/\bmax\b/);
  expect(after).not.toMatch(/\bvmap\)?\(/);
});
