import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { VmapSite } from "../../transformer/transformers/file";
import { createTempProject, installedTsvmap, preEmitErrors } from "./project";
import { standInTransformer } from "./stand-in-compile";

const project = createTempProject({
  ...installedTsvmap,
  "package.json": JSON.stringify({ name: "user-app" }),
  "compiled.ts": [
    'import { vmap } from "tsvmap";',
    "const f = (x: number) => x;",
    "export const first = vmap(f);",
    "export const nested = vmap(vmap(f));",
  ].join("\n"),
  "refused.ts": [
    'import { vmap } from "tsvmap";',
    "const refused = (x: number) => x;",
    "const axes = 0;",
    "export const kept = vmap(refused, { inAxes: axes });",
  ].join("\n"),
  "broken.ts": ['import { vmap } from "tsvmap";', "const broken = (x: number) => x;", "export const kept = vmap(broken);"].join("\n"),
  "synthetic.ts": [
    'import { vmap } from "tsvmap";',
    "const synthetic = (x: number) => x;",
    "export const kept = vmap(synthetic);",
  ].join("\n"),
  "collision.ts": [
    'import { vmap } from "tsvmap";',
    'const tsvmap_runtime = "the user\'s own";',
    "export const both = [vmap((x: number) => x), tsvmap_runtime];",
  ].join("\n"),
  "untouched.ts": ["function vmap<F>(fn: F): F { return fn; }", "export const same = vmap((x: number) => x);"].join("\n"),
});
afterAll(() => project.remove());

const program = project.program(["compiled.ts", "refused.ts", "broken.ts", "synthetic.ts", "collision.ts", "untouched.ts"], {
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  types: [],
});

/** Emits one file through the stand-in transformer; returns its JS, diagnostics and sites. */
function emit(name: string) {
  const diagnostics: ts.Diagnostic[] = [];
  const sites: VmapSite[] = [];
  let javascript = "";
  program.emit(
    program.getSourceFile(project.file(name)),
    (fileName, text) => {
      if (fileName.endsWith(".js")) javascript = text;
    },
    undefined,
    false,
    { before: [standInTransformer(program, (d) => diagnostics.push(d), (site) => sites.push(site))] },
  );
  const where = diagnostics.map((d) => {
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
    return `${d.code} ${line + 1}:${character + 1} ${d.file!.text.slice(d.start!, d.start! + d.length!)}`;
  });
  return { javascript, diagnostics, where, sites };
}

describe("rewriting the vmap sites of a file", () => {
  it("the project type-checks", () => expect(preEmitErrors(program)).toEqual([]));

  it("replaces each outermost site and adds one runtime import", () => {
    const { javascript, diagnostics, sites } = emit("compiled.ts");
    expect(diagnostics).toEqual([]);
    expect(sites.map((site) => site.call.getText())).toEqual(["vmap(f)", "vmap(vmap(f))"]);
    expect(sites.every((site) => site.replacement !== undefined)).toBe(true);
    expect(javascript).toContain("exports.first = tsvmap_runtime.marker;");
    expect(javascript).toContain("exports.nested = tsvmap_runtime.marker;");
    expect(javascript.match(/require\("tsvmap\/runtime"\)/g)).toHaveLength(1);
  });

  it("reports a refusal at the node it names and leaves the call as written", () => {
    const { javascript, diagnostics, where, sites } = emit("refused.ts");
    expect(where).toEqual(["9002 4:35 { inAxes: axes }"]);
    expect(diagnostics[0].category).toBe(ts.DiagnosticCategory.Error);
    expect(diagnostics[0].messageText).toBe("TSVMAP9002: inAxes is not a literal");
    expect(sites).toHaveLength(1);
    expect(sites[0].replacement).toBeUndefined();
    expect(javascript).toContain("(0, tsvmap_1.vmap)(refused, { inAxes: axes })");
    expect(javascript).not.toContain("tsvmap/runtime");
  });

  it("turns an unexpected exception into an internal-error diagnostic at the call", () => {
    const { javascript, diagnostics, where } = emit("broken.ts");
    expect(where).toEqual(["9000 3:21 vmap(broken)"]);
    expect(diagnostics[0].messageText).toMatch(/^TSVMAP9000: internal error while compiling this vmap call.*stand-in failure/s);
    expect(javascript).toContain("(0, tsvmap_1.vmap)(broken)");
  });

  it("points a refusal at a synthesized node to the call being compiled", () => {
    expect(emit("synthetic.ts").where).toEqual(["9003 3:21 vmap(synthetic)"]);
  });

  it("names the runtime namespace apart from the user's own identifiers", () => {
    const { javascript } = emit("collision.ts");
    expect(javascript).toContain('const tsvmap_runtime_1 = __importStar(require("tsvmap/runtime"));');
    expect(javascript).toContain("exports.both = [tsvmap_runtime_1.marker, tsvmap_runtime];");
  });

  it("leaves a file with no tsvmap vmap exactly as TypeScript emits it", () => {
    const { javascript, sites } = emit("untouched.ts");
    expect(sites).toEqual([]);
    expect(javascript).toContain("exports.same = vmap((x) => x);");
    expect(javascript).not.toContain("tsvmap");
  });
});
