import * as fs from "node:fs";
import * as path from "node:path";
import { expect, inject, it } from "vitest";
import { expectSameAsTspc, runNode } from "./example-project";
import { printedResults, writeExample } from "./example-sources";
import { toolBin } from "./bundler-case";

// The user's own test of the example, which also hands its results out for the comparison with the tspc build.
const resultsTest = `import * as fs from "node:fs";
import { expect, it } from "vitest";
import { results } from "./results.js";

it("each compiled vmap agrees with vmap.reference", () => {
  const computed = results();
  for (const [compiled, reference] of Object.values(computed)) {
    expect((compiled as number[]).flat()).toEqual((reference as number[]).flat().map((value) => expect.closeTo(value, 12)));
  }
  fs.writeFileSync("vitest-results.json", JSON.stringify(computed));
});
`;

// The parent vitest's own settings must not leak into the user's run.
const userEnvironment = Object.fromEntries(Object.keys(process.env).filter((name) => name.startsWith("VITEST")).map((name) => [name, ""]));

it("a vitest run in a vite project with tsvmap/vite tests the compiled functions, which compute what the tspc build does, without a 'not compiled' warning", async () => {
  const dir = writeExample(inject("toolsProject"), "vitest", {
    "vitest.config.mjs": `import tsvmap from "tsvmap/vite";\n\nexport default { plugins: [tsvmap()] };\n`,
    "src/results.test.ts": resultsTest,
  });
  const run = await runNode([toolBin("vitest/vitest.mjs"), "run", "--reporter", "verbose"], dir, userEnvironment);
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain("each compiled vmap agrees with vmap.reference");
  expect(run.stdout + run.stderr).not.toContain("not compiled");
  expectSameAsTspc(printedResults(fs.readFileSync(path.join(dir, "vitest-results.json"), "utf8")), inject("tspcResults"));
});
