import * as fs from "node:fs";
import * as path from "node:path";
import { threadId } from "node:worker_threads";

/**
 * Writes `data` to `file` whole and renames it into place, so a build
 * running beside this one never reads half a file. A read-only or full disk
 * only costs the next build the time the file would have saved.
 */
export function writeWhole(file: string, data: string | Buffer): void {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}
