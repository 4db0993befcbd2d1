import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// `npm run test:tools`: the tests that build and run real projects with real tools (test/tools*/).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/tools*/**/*.test.ts"],
    exclude: ["**/node_modules/**"],
  },
});
