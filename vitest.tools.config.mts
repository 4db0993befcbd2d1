import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// The bundler tests (`npm run test:tools`): real builds with vite, vitest, rollup, esbuild, webpack and rspack.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/tools/**/*.test.ts"],
    exclude: [],
    globalSetup: ["test/tools/global-setup.ts"],
  },
});
