import { threadsReport } from "./report";

// The same report from a dedicated worker of the page (a module worker), where the calling thread may block in Atomics.wait.
const worker = globalThis as unknown as { onmessage: (event: { data: Parameters<typeof threadsReport> }) => void; postMessage: (message: unknown) => void };
worker.onmessage = async (event) => worker.postMessage(await threadsReport(...event.data));
