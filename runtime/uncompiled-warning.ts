/**
 * The one-time notice that a `vmap` call site ran without the transformer:
 * results are right (they come from the reference), but each call runs the
 * per-example function once per example instead of as batched code.
 */

let warned = false;

/** Writes the notice to stderr the first time it is called in this process; `callee` is skipped in the stack. */
export function warnUncompiledOnce(callee: Function): void {
  if (warned) return;
  warned = true;
  const site = callSite(callee);
  const message =
    `tsvmap: vmap${site === undefined ? "" : ` at ${site}`} is not compiled, so it runs the per-example function ` +
    `once per example (correct results, but slow).\n` +
    `To compile vmap call sites, add the tsvmap transformer to tsconfig.json:\n` +
    `  { "compilerOptions": { "plugins": [{ "transform": "tsvmap/transformer" }] } }\n` +
    `and build with tspc from ts-patch (npm install -D ts-patch, then npx tspc) instead of tsc.\n` +
    `(This notice is shown once per process.)\n`;
  if (typeof process !== "undefined" && typeof process.stderr?.write === "function") process.stderr.write(message);
  else console.warn(message);
}

/** `file:line:column` of the frame that called `callee`, where the engine records stacks (V8). */
function callSite(callee: Function): string | undefined {
  if (typeof Error.captureStackTrace !== "function") return undefined;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, callee);
  const frame = holder.stack?.split("\n")[1]?.trim().replace(/^at\s+/, "");
  if (frame === undefined || frame === "") return undefined;
  return /\((.*)\)$/.exec(frame)?.[1] ?? frame;
}
