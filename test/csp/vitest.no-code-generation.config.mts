import base from "../../vitest.config.mts";

// The runtime tests and the fixtures, for a vitest run under --disallow-code-generation-from-strings (no-code-generation.test.ts).
export default {
  ...base,
  test: {
    ...base.test,
    include: ["test/runtime/**/*.test.ts", "test/fixtures.test.ts", "test/csp/code-generation-is-disallowed.check.ts"],
  },
};
