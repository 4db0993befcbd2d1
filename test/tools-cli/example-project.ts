import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { exampleSources } from "../tools/example-sources";
import { createTempProject, type TempProject } from "../transformer/project";

export const repository = fileURLToPath(new URL("../..", import.meta.url));
export const modules = path.join(repository, "node_modules");
export const cli = path.join(repository, "dist/transformer/cli.js");

/** The example project of every tool test, with tsvmap installed as a link to this checkout (as `npm link` makes it). */
export function createExampleProject(extra: Readonly<Record<string, string>> = {}): TempProject {
  const project = createTempProject({ ...exampleSources, ...extra });
  fs.mkdirSync(project.file("node_modules"), { recursive: true });
  fs.symlinkSync(repository, project.file("node_modules/tsvmap"), "dir");
  return project;
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000 });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tsvmap(args: readonly string[], cwd: string): Run {
  return run(process.execPath, [cli, ...args], cwd);
}
