import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// `npm run test:tools`: the tests that build with real tools (vite, vitest, rollup, esbuild, webpack, rspack) and drive a real browser.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/tools*/**/*.test.ts"],
    exclude: configDefaults.exclude,
    globalSetup: ["test/tools/global-setup.ts"],
  },
});
