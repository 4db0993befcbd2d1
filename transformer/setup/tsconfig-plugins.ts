import ts from "typescript";
import { splice, type Edit } from "../prebuild/splice";

/** One entry of `compilerOptions.plugins`, known by the value of one of its keys. */
export interface PluginEntry {
  readonly key: "transform" | "name";
  readonly value: string;
  /** Further settings of the entry, written after the key. */
  readonly settings?: Readonly<Record<string, boolean>>;
}

/** The entry as JSON on one line: `{ "transform": "tsvmap/transformer" }`. */
export function entryText(entry: PluginEntry): string {
  const settings = Object.entries(entry.settings ?? {}).map(([name, value]) => `, "${name}": ${value}`);
  return `{ "${entry.key}": "${entry.value}"${settings.join("")} }`;
}

/**
 * `text` (a tsconfig.json, comments and trailing commas allowed) with each of
 * `entries` added to `compilerOptions.plugins` unless it is there already.
 * Only the inserted text is new: comments and layout stay. Returns the new
 * text and the entries it added.
 */
export function addPlugins(text: string, entries: readonly PluginEntry[]): { text: string; added: readonly PluginEntry[] } {
  const config = ts.parseJsonText("tsconfig.json", text);
  const root = config.statements[0]?.expression;
  if (root === undefined || !ts.isObjectLiteralExpression(root)) throw new Error("tsconfig.json does not hold a JSON object");
  const compilerOptions = propertyValue(root, "compilerOptions");
  const plugins = compilerOptions && ts.isObjectLiteralExpression(compilerOptions) ? propertyValue(compilerOptions, "plugins") : undefined;
  const present = plugins && ts.isArrayLiteralExpression(plugins) ? plugins.elements : [];
  const added = entries.filter((entry) => !present.some((element) => isEntry(element, entry)));
  if (added.length === 0) return { text, added };

  const inserted = added.map(entryText).join(", ");
  let edit: Edit;
  if (plugins !== undefined && ts.isArrayLiteralExpression(plugins)) edit = appendTo(config, plugins, plugins.elements, inserted);
  else if (compilerOptions !== undefined && ts.isObjectLiteralExpression(compilerOptions)) {
    edit = appendTo(config, compilerOptions, compilerOptions.properties, `"plugins": [${inserted}]`);
  } else edit = appendTo(config, root, root.properties, `"compilerOptions": { "plugins": [${inserted}] }`);
  return { text: splice(text, [edit]).text, added };
}

function propertyValue(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.name) && property.name.text === name) return property.initializer;
  }
  return undefined;
}

function isEntry(element: ts.Expression, entry: PluginEntry): boolean {
  if (!ts.isObjectLiteralExpression(element)) return false;
  const value = propertyValue(element, entry.key);
  return value !== undefined && ts.isStringLiteral(value) && value.text === entry.value;
}

/**
 * Inserts `item` after the last of `items`, on a line of its own when the last
 * one has its own line (after a trailing comma if there is one), or just inside
 * the bracket when there are none.
 */
function appendTo(file: ts.SourceFile, container: ts.Node, items: ts.NodeArray<ts.Node>, item: string): Edit {
  const last = items.at(-1);
  if (last === undefined) {
    const inside = container.getStart(file) + 1;
    return { start: inside, end: inside, text: ` ${item} ` };
  }
  const lastStart = last.getStart(file);
  const lineStart = file.text.lastIndexOf("\n", lastStart - 1) + 1;
  const indentation = file.text.slice(lineStart, lastStart);
  const separator = /^[ \t]*$/.test(indentation) ? `\n${indentation}` : " ";
  return items.hasTrailingComma
    ? { start: items.end, end: items.end, text: `${separator}${item},` }
    : { start: last.end, end: last.end, text: `,${separator}${item}` };
}
