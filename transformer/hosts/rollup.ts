import type { RollupPlugin } from "unplugin";
import { type TsvmapPluginOptions, unplugin } from "./unplugin";

/** `plugins: [tsvmap(), esbuild()]` in rollup.config.mjs: before the TypeScript plugin. */
const tsvmap: (options?: TsvmapPluginOptions) => RollupPlugin = unplugin.rollup;
export = tsvmap;
