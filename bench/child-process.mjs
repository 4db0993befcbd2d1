// Each measurement runs in a fresh Node process, so that no workload's memory
// or JIT state reaches the next. The parent sends one message (what the child
// needs to know, such as the reference's values) and gets one back.
//
// The children run with glibc malloc told to keep the memory it frees rather
// than hand it back to the OS: on this project's VMs, touching memory fresh
// from the OS costs ~30 ms per 8 MB, and whether a call gets fresh or reused
// memory otherwise decides its time (see bench/README.md, "Memory"). The Wasm
// peers keep their heap anyway. `--default-malloc` measures with malloc as it comes.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** glibc malloc settings: never mmap (so no block is unmapped when freed) and never trim the heap, so freed memory is reused without new page faults. */
const keepFreedMemory = { MALLOC_MMAP_MAX_: "0", MALLOC_TRIM_THRESHOLD_: String(2 ** 40) };

/** Runs `bench/processes/<script>` with `args`, sends it `message`; resolves to its answer, or to { crashed } saying how it ended without one. */
export function runChild(script, args, message, { defaultMalloc = false } = {}) {
  return new Promise((resolve) => {
    const env = defaultMalloc ? process.env : { ...process.env, ...keepFreedMemory };
    const path = fileURLToPath(new URL(`./processes/${script}`, import.meta.url));
    const child = fork(path, args, { env, serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.send(message ?? {});
    let answer;
    child.on("message", (received) => (answer = received));
    child.on("exit", (code, signal) => resolve(answer ?? { crashed: `the process ended with ${signal ?? `exit code ${code}`} before reporting` }));
  });
}

/** In a child: the parent's message. */
export function receive() {
  return new Promise((resolve) => process.once("message", resolve));
}

/** In a child: the answer, after which the child exits. */
export function answer(value) {
  process.send(value, () => process.exit(0));
}
