// `npm run bench:memory`: peak memory of one compiled call over a large batch, with and without `chunkSize`.
// The workload (bench/memory/workload.ts) is compiled by `tsvmap inspect`; each measurement runs in its own
// process, which reads its peak resident set (`process.resourceUsage().maxRSS`) before and after the call.
import { execFileSync, fork } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const sizes = [250_000, 1_000_000, 4_000_000, 10_000_000];

if (process.argv[2] === "--measure") {
  const [, , , file, variant, batch] = process.argv;
  // The workload's own `tsvmap` (CommonJS), so the input is a Tensor of the runtime it runs on.
  const load = createRequire(file);
  const { np } = load("tsvmap");
  const workload = load(file);
  const input = np.array(Float64Array.from({ length: Number(batch) * 3 }, (_, i) => Math.sin(i)), [Number(batch), 3]);
  globalThis.gc?.();
  const before = process.resourceUsage().maxRSS;
  const result = workload[variant](input);
  const after = process.resourceUsage().maxRSS;
  process.send({ extraMiB: (after - before) / 1024, inputMiB: input.data.byteLength / 2 ** 20, resultMiB: result.data.byteLength / 2 ** 20, checksum: result.data.reduce((a, b) => a + b, 0) });
} else {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tsvmap-chunk-memory-"));
  fs.mkdirSync(path.join(directory, "node_modules"));
  fs.symlinkSync(root, path.join(directory, "node_modules", "tsvmap"), "dir");
  const javascript = execFileSync(process.execPath, [path.join(root, "dist/transformer/cli.js"), "inspect", path.join(root, "bench/memory/workload.ts")], { encoding: "utf8" });
  const file = path.join(directory, "workload.cjs");
  fs.writeFileSync(file, javascript);
  const measure = (variant, batch) =>
    new Promise((resolve, reject) => {
      const child = fork(fileURLToPath(import.meta.url), ["--measure", file, variant, String(batch)], { execArgv: ["--expose-gc"] });
      child.on("message", resolve);
      child.on("error", reject);
    });
  console.log("| batch | input MiB | result MiB | extra peak MiB, whole batch | extra peak MiB, chunkSize 16384 | same results |");
  console.log("|---|---|---|---|---|---|");
  for (const batch of sizes) {
    const whole = await measure("whole", batch);
    const chunked = await measure("chunked", batch);
    const same = Math.abs(whole.checksum - chunked.checksum) <= 1e-9 * Math.abs(whole.checksum);
    console.log(`| ${batch.toLocaleString("en")} | ${whole.inputMiB.toFixed(1)} | ${whole.resultMiB.toFixed(1)} | ${whole.extraMiB.toFixed(1)} | ${chunked.extraMiB.toFixed(1)} | ${same ? "yes" : "NO"} |`);
  }
  fs.rmSync(directory, { recursive: true, force: true });
}
