import { describe, expect, it } from "vitest";
import tsvmapEsbuild from "../../transformer/hosts/esbuild";
import tsvmapVite from "../../transformer/hosts/vite";

describe("the options of tsvmap/unplugin", () => {
  it("refuses an onUnsupported other than error or reference when the plugin is created, in vite's entry and esbuild's", () => {
    const message = 'tsvmap: the tsvmap plugin option onUnsupported must be "error" or "reference", not "warn"';
    expect(() => tsvmapVite({ onUnsupported: "warn" as never })).toThrow(message);
    expect(() => tsvmapEsbuild({ onUnsupported: "warn" as never })).toThrow(message);
  });
});
