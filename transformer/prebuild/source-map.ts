/** A source map (version 3) of one generated file from one original. */
export interface SourceMapV3 {
  readonly version: 3;
  readonly file: string;
  readonly sources: readonly string[];
  readonly sourcesContent: readonly string[];
  readonly names: readonly string[];
  readonly mappings: string;
}

/** A generated position (0-based line and column) and the original one it comes from. */
export interface Mapping {
  readonly generatedLine: number;
  readonly generatedColumn: number;
  readonly originalLine: number;
  readonly originalColumn: number;
}

/** Encodes `mappings`, which must be sorted by generated position, against the single source `source`. */
export function encodeSourceMap(file: string, source: string, sourceContent: string, mappings: readonly Mapping[]): SourceMapV3 {
  const lines: string[] = [];
  // Every field but the generated column is relative to the previous segment of the whole map.
  let previousOriginalLine = 0;
  let previousOriginalColumn = 0;
  for (let line = 0, at = 0; at < mappings.length || line === 0; line++) {
    const segments: string[] = [];
    let previousColumn = 0;
    for (; at < mappings.length && mappings[at].generatedLine === line; at++) {
      const mapping = mappings[at];
      segments.push(
        vlq(mapping.generatedColumn - previousColumn) +
          vlq(0) +
          vlq(mapping.originalLine - previousOriginalLine) +
          vlq(mapping.originalColumn - previousOriginalColumn),
      );
      previousColumn = mapping.generatedColumn;
      previousOriginalLine = mapping.originalLine;
      previousOriginalColumn = mapping.originalColumn;
    }
    lines.push(segments.join(","));
  }
  return { version: 3, file, sources: [source], sourcesContent: [sourceContent], names: [], mappings: lines.join(";") };
}

const base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 VLQ: the sign in the lowest bit, then five bits a digit, lowest first, with a continuation bit. */
function vlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let digits = "";
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    digits += base64[digit];
  } while (rest > 0);
  return digits;
}
