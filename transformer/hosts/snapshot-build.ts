import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { failedMark, startServer } from "./compiler-snapshot";

// Started detached by compiler-snapshot.ts as the bundler's process exits:
// builds the snapshot under a temporary name and renames it into place (a
// build sees the whole blob or none), starts the compiler server from it for
// the next build, and drops all but the newest blobs of the directory, which
// are 40 MB each. A failure leaves a mark, so that builds do not try again.
const [blob, lock, socket] = process.argv.slice(2);
const kept = 3;
const temporary = `${blob}.${process.pid}.tmp`;
try {
  fs.mkdirSync(path.dirname(blob), { recursive: true });
  const built = spawnSync(process.execPath, ["--snapshot-blob", temporary, "--build-snapshot", path.join(__dirname, "snapshot-entry.js")], { stdio: "ignore" });
  if (built.status === 0) {
    fs.renameSync(temporary, blob);
    startServer(blob, socket);
  } else {
    fs.writeFileSync(failedMark(blob), `node --build-snapshot exited with ${built.status ?? built.signal}\n`);
  }
  const directory = path.dirname(blob);
  const blobs = fs
    .readdirSync(directory)
    .filter((name) => /^compiler-[0-9a-f]+\.blob$/.test(name))
    .map((name) => ({ file: path.join(directory, name), time: fs.statSync(path.join(directory, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { file } of blobs.slice(kept)) fs.rmSync(file, { force: true });
} finally {
  fs.rmSync(temporary, { force: true });
  fs.rmSync(lock, { force: true });
}
