import * as fs from "node:fs";
import { chromium } from "playwright-core";

/** Debian's chromium package (`apt-get install chromium`); the project never downloads a browser. */
export const chromiumPath = "/usr/bin/chromium";

/** A headless Chromium that reaches nothing but the pages it is sent to. */
export function launchChromium() {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get update && apt-get install -y chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
