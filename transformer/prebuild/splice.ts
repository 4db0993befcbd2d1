import type { Mapping } from "./source-map";

/** Replaces `original[start, end)` by `text`; `start === end` inserts. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Spliced {
  readonly text: string;
  /** Sorted by generated position: kept text maps to itself, word by word; inserted text maps to its edit's start. */
  readonly mappings: readonly Mapping[];
}

/** Applies `edits` (sorted by position, not overlapping) to `original`, every other byte kept. */
export function splice(original: string, edits: readonly Edit[]): Spliced {
  const generated = new Position();
  const source = new Position();
  const mappings: Mapping[] = [];
  let text = "";

  const map = (originalLine: number, originalColumn: number) =>
    mappings.push({ generatedLine: generated.line, generatedColumn: generated.column, originalLine, originalColumn });

  const keep = (end: number) => {
    for (let previous = "\n"; source.offset < end; ) {
      const char = original[source.offset];
      if (/\s/.test(previous) && !/\s/.test(char)) map(source.line, source.column);
      text += char;
      generated.advance(char);
      source.advance(char);
      previous = char;
    }
  };

  const insert = (inserted: string) => {
    const { line, column } = source;
    map(line, column);
    for (let at = 0; at < inserted.length; at++) {
      const char = inserted[at];
      text += char;
      generated.advance(char);
      if (char === "\n") map(line, column);
    }
  };

  for (const edit of edits) {
    keep(edit.start);
    insert(edit.text);
    while (source.offset < edit.end) source.advance(original[source.offset]);
  }
  keep(original.length);
  return { text, mappings };
}

/** A 0-based line and column that follows the characters it is advanced over. */
class Position {
  offset = 0;
  line = 0;
  column = 0;

  advance(char: string): void {
    this.offset++;
    if (char === "\n") {
      this.line++;
      this.column = 0;
    } else {
      this.column++;
    }
  }
}
