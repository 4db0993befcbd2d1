import { threadsReport } from "./report";

// The test calls this from the page's main thread, where Atomics.wait is not allowed.
(globalThis as { threadsReport?: typeof threadsReport }).threadsReport = threadsReport;
