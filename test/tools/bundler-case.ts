import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { expectCompiledBundle, expectMapsToSource, runNode, vmapCall } from "./example-project";
import { type MixedResults, printedResults, refusedLocation, writeExample } from "./example-sources";

/** How one bundler builds the example project. */
export interface BundlerCase {
  readonly name: string;
  /** The config or build script, beside src/, calling `tsvmap(<pluginOptions>)`; it reads the entry from the ENTRY environment variable. */
  readonly files: (pluginOptions: string) => Readonly<Record<string, string>>;
  /** The node command line that builds, relative paths resolved in the tools project (for a tool's bin). */
  readonly command: readonly string[];
  /** The built bundle, relative to the example folder; its source map is beside it, with `.map` added. */
  readonly bundle: string;
}

/** A tool's bin, as installed in the tools project. */
export function toolBin(relative: string): string {
  return path.join(inject("toolsProject"), "node_modules", relative);
}

/**
 * The builds every bundler must get right: the example compiles and runs as
 * the tspc build does; a refused site beside a good one fails the build,
 * located; under `onUnsupported: "reference"` it is a located warning and runs
 * as `vmap.reference`.
 */
export function describeBundler(bundler: BundlerCase): void {
  describe(`tsvmap/${bundler.name}`, () => {
    it(`a ${bundler.name} build compiles the vmap sites, the bundle prints what the tspc build does, and its source map leads to the source`, async () => {
      const dir = writeExample(inject("toolsProject"), bundler.name, bundler.files(""));
      const build = await runNode(bundler.command, dir, { ENTRY: "src/main.ts" });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      await expectCompiledBundle(path.join(dir, bundler.bundle), dir, inject("tspcResults"));
      expectMapsToSource(path.join(dir, bundler.bundle));
    });

    it(`a ${bundler.name} build fails on a refused site, naming its file, line, column and TSVMAP code`, async () => {
      const dir = writeExample(inject("toolsProject"), `${bundler.name}-refused`, bundler.files(""));
      const build = await runNode(bundler.command, dir, { ENTRY: "extra/mixed.ts" });
      expect(build.status).not.toBe(0);
      expect(build.stdout + build.stderr).toMatch(new RegExp(`${refusedLocation()} - error TSVMAP9004: `));
    });

    it(`under onUnsupported: "reference" a ${bundler.name} build warns of the refused site, located, and the bundle runs it as vmap.reference beside the compiled one`, async () => {
      const dir = writeExample(inject("toolsProject"), `${bundler.name}-reference`, bundler.files(`{ onUnsupported: "reference" }`));
      const build = await runNode(bundler.command, dir, { ENTRY: "extra/mixed.ts" });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      expect(build.stdout + build.stderr).toMatch(new RegExp(`${refusedLocation()} - warning TSVMAP9004: .*this site runs as vmap.reference`));
      const bundle = fs.readFileSync(path.join(dir, bundler.bundle), "utf8");
      expect(bundle).toMatch(/\.reference\)?\(counted\)/);
      expect(bundle.match(vmapCall)?.[0]).toBeUndefined();
      const run = await runNode([bundler.bundle], dir);
      expect(run.stderr).toBe("");
      for (const [name, [computed, expected]] of Object.entries(printedResults(run.stdout) as MixedResults)) expect(computed, name).toEqual(expected);
    });
  });
}
