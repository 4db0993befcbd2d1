// One workload, every implementation in this one process, interleaved round by
// round: what a user who runs them side by side in one program sees, JIT and
// Wasm-heap effects included (a Wasm peer growing its heap detaches an
// ArrayBuffer, after which V8 compiles every typed-array loop in the process
// with extra checks). Run by sections/one-process.mjs as
// `one-process.mjs COMPILED_MODULE`; answers { cases: [{ rows, expected }] }.
import { createRequire } from "node:module";
import { answer, receive } from "../child-process.mjs";
import { jaxImplementations } from "../implementations/jax-js.mjs";
import { tfjsNodeImplementations } from "../implementations/tfjs-node.mjs";
import { tfjsImplementations } from "../implementations/tfjs.mjs";
import { tsvmapImplementations } from "../implementations/tsvmap.mjs";
import { measureCase } from "../measure-case.mjs";

const [modulePath] = process.argv.slice(2);
await receive();
const workload = createRequire(import.meta.url)(modulePath);
const implementations = [
  ...tsvmapImplementations(),
  ...(await jaxImplementations(["float64", "float32"])),
  ...(await tfjsImplementations(["cpu", "wasm"])),
  ...(await tfjsNodeImplementations()),
];
const cases = [];
for (const benchCase of workload.cases()) {
  process.stderr.write(`  ${benchCase.workload} ${benchCase.size}: every implementation in one process\n`);
  cases.push(await measureCase(benchCase, implementations));
}
answer({ cases });
