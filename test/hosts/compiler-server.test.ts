import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as net from "node:net";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createModuleCompiler } from "../../transformer/hosts/module-compiler";
import { createTempProject, installedTsvmap } from "../transformer/project";
import { eventually } from "../harness/eventually";

// The server runs the built transformer (dist/), as an installed tsvmap does: `npm test` builds first.
const built = createRequire(path.resolve(__dirname, "../../dist/transformer/hosts/index.js"));
const { compilerSnapshot } = built("./compiler-snapshot.js") as typeof import("../../transformer/hosts/compiler-snapshot");
const { startCompiler } = built("./compiler-client.js") as typeof import("../../transformer/hosts/compiler-client");

const project = createTempProject({
  ...installedTsvmap,
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "bundler", lib: ["ES2022", "DOM"], strict: true, types: [] },
    include: ["src"],
  }),
  "src/globals.d.ts": "declare const scale: number;\n",
  "src/scaled.ts": "export const scaled = (x: number) => x * scale;\n",
  "src/main.ts": 'import { vmap } from "tsvmap";\nimport { scaled } from "./scaled";\nexport const batched = vmap(scaled);\n',
  "src/refused.ts": 'import { vmap } from "tsvmap";\nconst axes = 0;\nexport const kept = vmap((x: number) => x, { inAxes: axes });\n',
});
const cacheDirectory = project.file("node_modules/.cache/tsvmap");
const tsconfig = project.file("tsconfig.json");
const snapshot = compilerSnapshot(cacheDirectory, tsconfig);
afterAll(() => project.remove());

/** Makes the blob as a build does when it exits (which also starts the server), but waits for it. */
function makeBlob(): void {
  const made = spawnSync(process.execPath, [path.resolve(__dirname, "../../dist/transformer/hosts/snapshot-build.js"), snapshot.blob, `${snapshot.blob}.building`, snapshot.socket], {
    cwd: project.dir,
    env: { ...process.env, TSVMAP_TYPESCRIPT: require.resolve("typescript"), TSVMAP_TSCONFIG: tsconfig },
    encoding: "utf8",
  });
  expect(made.status, made.stderr).toBe(0);
  expect(fs.existsSync(`${snapshot.blob}.failed`) && fs.readFileSync(`${snapshot.blob}.failed`, "utf8")).toBe(false);
  expect(fs.existsSync(snapshot.blob)).toBe(true);
}

const listening = () =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(snapshot.socket);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

/** Ends the running server by deleting its blob, then puts the blob back. */
async function stopServer(): Promise<void> {
  const blob = fs.readFileSync(snapshot.blob);
  fs.rmSync(snapshot.blob);
  expect(await eventually(async () => !(await listening()), 10_000)).toBe(true);
  fs.writeFileSync(snapshot.blob, blob);
}

const read = (relative: string) => fs.readFileSync(project.file(relative), "utf8");
const client = () => startCompiler({ tsconfig, forwarded: {}, cacheDirectory }, () => snapshot);
const inProcess = (relative: string) => createModuleCompiler(tsconfig).compile(project.file(relative), read(relative));

describe("the compiler server, started from a V8 snapshot of the module compiler", () => {
  it("compiles what the module compiler compiles in-process, located diagnostics and dependencies included", async () => {
    makeBlob();
    expect(await eventually(listening, 10_000)).toBe(true);
    // One build's compiles, in turn, against one in-process compiler's.
    const compiler = client();
    const reference = createModuleCompiler(tsconfig);
    for (const file of ["src/main.ts", "src/refused.ts"]) {
      const compiled = await compiler.compile(project.file(file), read(file));
      expect(compiled, file).toEqual(reference.compile(project.file(file), read(file)));
    }
    expect((await compiler.compile(project.file("src/main.ts"), read("src/main.ts")))?.output?.code).toContain("tsvmap/runtime");
  });

  it("reads a file changed since the snapshot was made, and a module importing it compiles against its new text", async () => {
    const before = await client().compile(project.file("src/main.ts"), read("src/main.ts"));
    fs.writeFileSync(project.file("src/globals.d.ts"), "declare const scale: string;\n");
    try {
      const compiled = await client().compile(project.file("src/main.ts"), read("src/main.ts"));
      expect(compiled).toEqual(inProcess("src/main.ts"));
      expect(compiled?.messages).not.toEqual(before?.messages);
    } finally {
      fs.writeFileSync(project.file("src/globals.d.ts"), "declare const scale: number;\n");
    }
  });

  it("ends when its blob is deleted; a build that finds none listening starts one from the blob", async () => {
    await stopServer();
    expect(await client().compile(project.file("src/main.ts"), read("src/main.ts"))).toEqual(inProcess("src/main.ts"));
    expect(await listening()).toBe(true);
  });

  it("is started from the blob as a build starts (prepare), before the build reaches a module to compile", async () => {
    await stopServer();
    client().prepare();
    expect(await eventually(listening, 10_000)).toBe(true);
  });

  it("deletes a blob it cannot start from, and the build compiles in a worker thread", async () => {
    fs.rmSync(snapshot.blob);
    expect(await eventually(async () => !(await listening()), 10_000)).toBe(true);
    fs.writeFileSync(snapshot.blob, "not a V8 snapshot");
    expect(await client().compile(project.file("src/main.ts"), read("src/main.ts"))).toEqual(inProcess("src/main.ts"));
    expect(await eventually(async () => !fs.existsSync(snapshot.blob), 10_000)).toBe(true);
  });
});
