/**
 * The parameter names of a function, read from its source text, so that vmap's
 * errors can say `argument 1 (weights)` rather than only `argument 1`. Names
 * are a courtesy: a parameter that is destructured, or a function whose source
 * is unavailable (native, bound), just has no name.
 */

const inheritedNames = new WeakMap<Function, readonly (string | undefined)[]>();

/** Makes `wrapper` (a batched function) report the parameter names of the function it wraps. */
export function inheritParameterNames(wrapper: Function, wrapped: Function): void {
  inheritedNames.set(wrapper, parameterNames(wrapped));
}

/** One entry per declared parameter: its name, or undefined where there is no simple name. */
export function parameterNames(fn: Function): readonly (string | undefined)[] {
  const inherited = inheritedNames.get(fn);
  if (inherited !== undefined) return inherited;
  const source = Function.prototype.toString.call(fn);
  const list = parameterListOf(source);
  if (list === undefined) return [];
  return splitTopLevel(list).map(simpleName);
}

/** The text between the parentheses of the parameter list, or the lone parameter of `x => ...`. */
function parameterListOf(source: string): string | undefined {
  const arrowWithoutParentheses = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(source);
  if (arrowWithoutParentheses !== null) return arrowWithoutParentheses[1];
  const open = source.indexOf("(");
  if (open < 0) return undefined;
  const close = matchingClose(source, open);
  return close === undefined ? undefined : source.slice(open + 1, close);
}

const closers: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** The index of the bracket closing the one at `open`, skipping strings and nested brackets. */
function matchingClose(source: string, open: number): number | undefined {
  const expected: string[] = [];
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === '"' || char === "'" || char === "`") {
      i = endOfString(source, i);
    } else if (char in closers) {
      expected.push(closers[char]);
    } else if (char === expected[expected.length - 1]) {
      expected.pop();
      if (expected.length === 0) return i;
    }
  }
  return undefined;
}

function endOfString(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === "\\" ? 2 : 1;
  return i;
}

/** Splits a parameter list at the commas that are not inside brackets or strings. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const char = list[i];
    if (char === '"' || char === "'" || char === "`") i = endOfString(list, i);
    else if (char in closers) depth++;
    else if (char === ")" || char === "]" || char === "}") depth--;
    else if (char === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  const last = list.slice(start);
  if (last.trim() !== "") parts.push(last);
  return parts;
}

function simpleName(parameter: string): string | undefined {
  return /^\s*(?:\.\.\.)?\s*([A-Za-z_$][\w$]*)\s*(?:=|$)/.exec(parameter)?.[1];
}
