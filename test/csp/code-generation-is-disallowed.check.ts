import { expect, it } from "vitest";

// Run by no-code-generation.test.ts next to the fixtures, in the same vitest child: proves the flag reached the workers.
it("forbids code generation from strings in this worker", () => {
  expect(() => new Function("return 1")).toThrow(EvalError);
  expect(() => (0, eval)("1")).toThrow(EvalError);
});
