import type { WebpackPluginInstance } from "unplugin";
import { type TsvmapPluginOptions, unplugin } from "./unplugin";

/** `plugins: [tsvmap()]` in webpack.config.js; its loader runs before the TypeScript loader (`enforce: "pre"`). */
const tsvmap: (options?: TsvmapPluginOptions) => WebpackPluginInstance = unplugin.webpack;
export = tsvmap;
