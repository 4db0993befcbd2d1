import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../playground/headless-chromium.mjs";
import { evaluateModule, referenceModules } from "../../playground/src/evaluate";
import { examples } from "../../playground/src/examples";
import { parseInputSpecs, sampleInputs } from "../../playground/src/sample-data";
import { np, vmap, type Tensor } from "../../runtime/index";
import { serveDirectory } from "./static-server";

// The built playground, served as static files on 127.0.0.1 and driven in Debian's headless Chromium.
const configFile = fileURLToPath(new URL("../../playground/vite.config.mts", import.meta.url));
const batchSize = 7;
const shownRows = 5;

let outDir: string;
let server: Awaited<ReturnType<typeof serveDirectory>>;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-playground-"));
  await build({ configFile, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  server = await serveDirectory(outDir);
  browser = await launchChromium();
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // Everything is bundled: a request anywhere but the local server is a failure.
  await page.route((url) => !url.href.startsWith(server.url), (route) => {
    pageErrors.push(`request to ${route.request().url()}`);
    return route.abort();
  });
  await page.goto(server.url);
  await settled();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
});

/** Waits for the page to finish compiling and running the latest edit. */
async function settled(): Promise<void> {
  await page.waitForSelector('#output[data-done="true"]', { timeout: 60_000 });
}

async function type(source: string, inputs: string): Promise<void> {
  await page.fill("#inputs", inputs);
  await page.fill("#batch-size", String(batchSize));
  await page.fill("#source", source);
  await settled();
}

/** The numbers of the first rows the page shows for a one-tensor result, and the shape in its heading. */
async function shownResult(): Promise<{ shape: string; rows: number[][] }> {
  const [heading, ...lines] = (await page.textContent("#result"))!.split("\n");
  const rows = lines.filter((line) => !line.startsWith("…")).map((line) => (line.match(/-?\d+(\.\d+)?(e[-+]?\d+)?/g) ?? []).map(Number));
  return { shape: heading.match(/shape \(([^)]*)\)/)?.[1] ?? heading, rows };
}

/** The same first rows of the reference result, innermost rows cut to the page's eight columns. */
function firstRows(result: Tensor): number[][] {
  const rows = result.toArray() as unknown[];
  return rows.slice(0, shownRows).map((row) => (Array.isArray(row) ? (row.flat(Infinity) as number[]).slice(0, 8) : [row as number]));
}

function expectClose(shown: number[][], expected: number[][]): void {
  expect(shown.map((row) => row.length)).toEqual(expected.map((row) => row.length));
  shown.forEach((row, r) => row.forEach((value, c) => expect(Math.abs(value - expected[r][c])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected[r][c])))));
}

describe("the playground in headless Chromium", () => {
  it("compiles a typed function in the page and shows the compiled result, equal to vmap.reference computed here", async () => {
    await type(
      `import { vmap, np, type Tensor } from "tsvmap";

function weightedEnergy(v: Tensor, weights: Tensor): number {
  return np.sum(np.mul(np.square(v), weights));
}

export const batched = vmap(weightedEnergy, { inAxes: [0, null] });
`,
      "[[B, 4], [4]]",
    );
    const emitted = (await page.textContent("#emitted"))!;
    // A kernel over tensors comes as a float64 and a float32 function.
    expect(emitted).toMatch(/const \w+Kernels = \{\s+float64: \(count,[\s\S]*float32: \(count,/);
    expect(emitted).not.toContain("vmap(");
    expect(await page.textContent("#sites")).toContain("1 vmap site(s) compiled, 0 refused");
    expect(await page.textContent("#diagnostics")).toBe("No diagnostics.");

    const weightedEnergy = (v: Tensor, weights: Tensor) => np.sum(np.mul(np.square(v), weights));
    const inputs = sampleInputs(parseInputSpecs("[[B, 4], [4]]", batchSize), (values, shape) => np.array(values, shape));
    const reference = vmap.reference(weightedEnergy, { inAxes: [0, null] })(...(inputs as [Tensor, Tensor]));
    const shown = await shownResult();
    expect(shown.shape).toBe(String(batchSize));
    expectClose(shown.rows, firstRows(reference));
    expect(await page.textContent("#timing")).toMatch(/compiled [\d.e-]+ ms · per-example loop \(vmap.reference\) [\d.e-]+ ms/);
    expect(pageErrors).toEqual([]);
  });

  it("recompiles as you type: a vmap call typed key by key at the end of the source is compiled too", async () => {
    await type(examples[0].source, examples[0].inputs);
    await page.focus("#source");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("export const doubled = vmap((x: number) => x * 2);\n");
    await settled();
    expect(await page.textContent("#sites")).toContain("2 vmap site(s) compiled, 0 refused");
    expect(await page.textContent("#emitted")).toContain("export const doubled = ");
    expect(await page.textContent("#emitted")).not.toContain("vmap(");
  });

  it("marks a refused form's TSVMAP diagnostic on the source, at its line and column, and does not run it", async () => {
    const source = `import { vmap } from "tsvmap";

let total = 0;
function accumulate(x: number): number {
  total += x;
  return x;
}

export const batched = vmap(accumulate);
`;
    await type(source, "[[B]]");
    const offset = source.indexOf("total += x");
    const line = source.slice(0, offset).split("\n").length;
    const column = offset - source.lastIndexOf("\n", offset - 1);
    const diagnostics = await page.$$eval("#diagnostics li", (items) => items.map((item) => item.textContent!));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(new RegExp(`^${line}:${column} TSVMAP9004 \`total\` is not a local`));
    expect(await page.$$eval(".marks mark", (marks) => marks.map((mark) => mark.textContent))).toEqual(["total"]);
    expect(await page.$$eval(".gutter .flagged", (lines) => lines.map((item) => item.textContent))).toEqual([String(line)]);
    expect(await page.textContent("#sites")).toContain("0 vmap site(s) compiled, 1 refused");
    expect(await page.textContent("#result")).toContain("Not run");
  });

  it("has every example one click away, and each shows what vmap.reference gives here on the same inputs", async () => {
    await page.fill("#batch-size", String(batchSize));
    for (const example of examples) {
      await page.click(`#examples button:text-is("${example.name}")`);
      await settled();
      expect(await page.inputValue("#source")).toBe(example.source);
      const diagnostics = (await page.textContent("#diagnostics"))!;
      if (example.name.startsWith("refused")) {
        expect(diagnostics, example.name).toContain("TSVMAP");
        continue;
      }
      expect(diagnostics, example.name).toBe("No diagnostics.");
      expect(await page.textContent("#emitted"), example.name).not.toContain("vmap(");
      const batched = evaluateModule(example.source, referenceModules, () => {}).batched as (...args: unknown[]) => Tensor;
      const inputs = sampleInputs(parseInputSpecs(example.inputs, batchSize), (values, shape) => np.array(values, shape));
      const reference = batched(...inputs);
      const shown = await shownResult();
      expect(shown.shape, example.name).toBe(reference.shape.join(", "));
      expectClose(shown.rows, firstRows(reference));
    }
    expect(pageErrors).toEqual([]);
  });
});
