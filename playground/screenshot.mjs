// `npm run screenshot:playground`: docs/playground.png, the built playground with its first example.
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";
import { launchChromium } from "./headless-chromium.mjs";

const configFile = fileURLToPath(new URL("vite.config.mts", import.meta.url));
const output = fileURLToPath(new URL("../docs/playground.png", import.meta.url));

await build({ configFile, logLevel: "warn" });
const server = await preview({ configFile, preview: { port: 0 } });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(server.resolvedUrls.local[0]);
  await page.waitForSelector('#output[data-done="true"]');
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await server.close();
}
