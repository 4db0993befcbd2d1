import { virtualFiles } from "../src/virtual-files";

/** The two reads the transformer makes (to find tsvmap's package.json), answered from the in-memory files. */
export function existsSync(fileName: string): boolean {
  return virtualFiles.has(fileName);
}

export function readFileSync(fileName: string): string {
  const text = virtualFiles.get(fileName);
  if (text === undefined) throw new Error(`ENOENT: no such file in the playground, '${fileName}'`);
  return text;
}
