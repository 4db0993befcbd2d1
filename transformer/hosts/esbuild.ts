import type { EsbuildPlugin } from "unplugin";
import { type TsvmapPluginOptions, unplugin } from "./unplugin";

/** `plugins: [tsvmap()]` in the options of `esbuild.build`. */
const tsvmap: (options?: TsvmapPluginOptions) => EsbuildPlugin = unplugin.esbuild;
export = tsvmap;
