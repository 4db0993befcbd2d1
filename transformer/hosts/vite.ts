import type { VitePlugin } from "unplugin";
import { type TsvmapPluginOptions, unplugin } from "./unplugin";

/** `plugins: [tsvmap()]` in vite.config.ts, and in vitest.config.ts for vitest. */
const tsvmap: (options?: TsvmapPluginOptions) => VitePlugin = unplugin.vite;
export = tsvmap;
