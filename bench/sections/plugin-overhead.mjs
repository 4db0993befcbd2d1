// What the plugin adds to a build without vmap (issue "Proof at scale": under 10% of plain tsc),
// by bench/plugin-overhead.mjs, which `npm run bench:plugin` runs alone.
import { scriptOutput } from "../script-output.mjs";

export default {
  id: "plugin-overhead",
  title: "Build time the plugin adds to a project without vmap",
  async run() {
    process.stderr.write("plugin overhead: 200-file project\n");
    const { output, crashed } = await scriptOutput("plugin-overhead.mjs");
    return crashed ? { markdown: `Not measured: ${crashed}.`, failed: true } : { markdown: output, failed: false };
  },
};
