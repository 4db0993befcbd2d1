// A bench script of its own (`npm run bench:plugin`, `npm run bench:memory`) run as one
// section of `npm run bench`: a fresh process whose standard output is the section's Markdown.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs `bench/<script>`; resolves to its output, or to { crashed } with how it ended and what it said on stderr. */
export function scriptOutput(script) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL(`./${script}`, import.meta.url))], { stdio: ["ignore", "pipe", "pipe"] });
    const [stdout, stderr] = [[], []];
    child.stdout.on("data", (chunk) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => stderr.push(chunk));
    child.on("exit", (code, signal) => {
      const output = Buffer.concat(stdout).toString("utf8").trim();
      if (code === 0) resolve({ output });
      else resolve({ crashed: `${script} ended with ${signal ?? `exit code ${code}`}: ${Buffer.concat(stderr).toString("utf8").trim().split("\n").slice(-3).join(" ")}` });
    });
  });
}
