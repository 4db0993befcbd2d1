import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The transformer is bundled from its sources. Its two Node imports are the only
// things a browser lacks: `node:path` becomes pathe (POSIX paths, cwd "/"), and
// `node:fs` reads the playground's in-memory files, so the transformer finds
// tsvmap's package.json exactly as it would on disk.
const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  root: here("."),
  base: "./",
  resolve: {
    alias: {
      "node:path": "pathe",
      "node:fs": here("shims/node-fs.ts"),
    },
  },
  server: { host: "127.0.0.1", port: 5174 },
  preview: { host: "127.0.0.1" },
  build: {
    outDir: here("../dist-playground"),
    emptyOutDir: true,
    // The TypeScript compiler is most of the bundle, on purpose.
    chunkSizeWarningLimit: 12_000,
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
