import type { RspackPluginInstance } from "unplugin";
import { type TsvmapPluginOptions, unplugin } from "./unplugin";

/** `plugins: [tsvmap()]` in rspack.config.js; its loader runs before the TypeScript loader (`enforce: "pre"`). */
const tsvmap: (options?: TsvmapPluginOptions) => RspackPluginInstance = unplugin.rspack;
export = tsvmap;
