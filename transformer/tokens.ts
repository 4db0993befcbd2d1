import type * as ts from "typescript";

const tokensOf = new WeakMap<typeof ts, Map<string, ts.SyntaxKind>>();

/** The token of a JS operator (`+`, `**`, `===`) in the host's TypeScript, whose numbering may differ from ours. */
export function tokenOf(tsModule: typeof ts, operator: string): ts.SyntaxKind {
  let tokens = tokensOf.get(tsModule);
  if (!tokens) {
    tokens = new Map();
    for (let kind = tsModule.SyntaxKind.FirstPunctuation; kind <= tsModule.SyntaxKind.LastPunctuation; kind++) {
      const text = tsModule.tokenToString(kind);
      if (text) tokens.set(text, kind);
    }
    tokensOf.set(tsModule, tokens);
  }
  const token = tokens.get(operator);
  if (token === undefined) throw new Error(`no token for \`${operator}\``);
  return token;
}
