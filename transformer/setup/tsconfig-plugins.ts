import ts from "typescript";
import { splice, type Edit } from "../prebuild/splice";

/** One entry of `compilerOptions.plugins`, known by the value of one of its keys. */
export interface PluginEntry {
  readonly key: "transform" | "name";
  readonly value: string;
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

  const entryText = added.map((entry) => `{ "${entry.key}": "${entry.value}" }`).join(", ");
  let edit: Edit;
  if (plugins !== undefined && ts.isArrayLiteralExpression(plugins)) edit = appendTo(config, plugins, plugins.elements, entryText);
  else if (compilerOptions !== undefined && ts.isObjectLiteralExpression(compilerOptions)) {
    edit = appendTo(config, compilerOptions, compilerOptions.properties, `"plugins": [${entryText}]`);
  } else edit = appendTo(config, root, root.properties, `"compilerOptions": { "plugins": [${entryText}] }`);
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

/** Inserts `item` after the last of `items` (after a trailing comma if there is one), or just inside the bracket when there are none. */
function appendTo(file: ts.SourceFile, container: ts.Node, items: ts.NodeArray<ts.Node>, item: string): Edit {
  const last = items.at(-1);
  if (last === undefined) {
    const inside = container.getStart(file) + 1;
    return { start: inside, end: inside, text: ` ${item} ` };
  }
  return items.hasTrailingComma ? { start: items.end, end: items.end, text: ` ${item}` } : { start: last.end, end: last.end, text: `, ${item}` };
}
