import { VmapError } from "./errors";
import { Tensor, formatShape } from "./tensor";
import { isTypedArray } from "./dtype";

/**
 * Trees of values ("pytrees", as JAX calls them): plain objects and arrays
 * (tuples included) are nodes; `null` and `undefined` are nodes with no
 * children; everything else (numbers, booleans, Tensors, typed arrays, class
 * instances, functions) is a leaf.
 */

/** Where a value sits in a tree: the array indices and object keys from the root down. */
export type TreePath = readonly (string | number)[];

/** A tree with its leaves taken out: what is needed to put leaves back. */
export type TreeDef =
  | { readonly kind: "leaf" }
  | { readonly kind: "empty"; readonly value: null | undefined }
  | { readonly kind: "array"; readonly children: readonly TreeDef[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly children: readonly TreeDef[] };

export interface LeafAt<T> {
  readonly path: TreePath;
  readonly value: T;
}

export interface Flattened<T> {
  readonly def: TreeDef;
  readonly leaves: LeafAt<T>[];
}

/** An axis spec: a leaf is an axis (`number`) or `null` (not mapped); nodes are arrays and plain objects. */
export type AxisSpec = number | null | readonly AxisSpec[] | { readonly [key: string]: AxisSpec };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every leaf of `tree`, in order, with its path below `root`. */
export function flatten(tree: unknown, root: TreePath = []): Flattened<unknown> {
  const leaves: LeafAt<unknown>[] = [];
  const walk = (node: unknown, path: TreePath): TreeDef => {
    if (node === null || node === undefined) return { kind: "empty", value: node };
    if (Array.isArray(node)) {
      return { kind: "array", children: node.map((child, i) => walk(child, [...path, i])) };
    }
    if (isPlainObject(node)) {
      const keys = Object.keys(node);
      return { kind: "object", keys, children: keys.map((key) => walk(node[key], [...path, key])) };
    }
    leaves.push({ path, value: node });
    return { kind: "leaf" };
  };
  return { def: walk(tree, root), leaves };
}

/** The tree `def` describes, with `leaves` put back in flatten's order. */
export function unflatten(def: TreeDef, leaves: readonly unknown[]): unknown {
  let next = 0;
  const build = (node: TreeDef): unknown => {
    switch (node.kind) {
      case "leaf":
        return leaves[next++];
      case "empty":
        return node.value;
      case "array":
        return node.children.map(build);
      case "object": {
        const result: Record<string, unknown> = {};
        node.keys.forEach((key, i) => (result[key] = build(node.children[i])));
        return result;
      }
    }
  };
  const tree = build(def);
  if (next !== leaves.length) {
    throw new RangeError(`unflatten: the tree has ${next} leaves but ${leaves.length} were given`);
  }
  return tree;
}

export function sameStructure(a: TreeDef, b: TreeDef): boolean {
  switch (a.kind) {
    case "leaf":
      return b.kind === "leaf";
    case "empty":
      return b.kind === "empty" && a.value === b.value;
    case "array":
      return b.kind === "array" && sameChildren(a.children, b.children);
    case "object":
      return (
        b.kind === "object" &&
        a.keys.length === b.keys.length &&
        a.keys.every((key, i) => key === b.keys[i]) &&
        sameChildren(a.children, b.children)
      );
  }
}

/** Whether `tree` flattens to `def` (as `sameStructure(flatten(tree).def, def)`), without building its def. */
export function fitsStructure(tree: unknown, def: TreeDef): boolean {
  switch (def.kind) {
    case "leaf":
      return tree !== null && tree !== undefined && !Array.isArray(tree) && !isPlainObject(tree);
    case "empty":
      return tree === def.value;
    case "array":
      return Array.isArray(tree) && tree.length === def.children.length && def.children.every((child, i) => fitsStructure(tree[i], child));
    case "object": {
      if (!isPlainObject(tree)) return false;
      const keys = Object.keys(tree);
      return (
        keys.length === def.keys.length &&
        def.keys.every((key, i) => key === keys[i] && fitsStructure(tree[key], def.children[i]))
      );
    }
  }
}

/** The subtree of `tree` at `path` (whose every step is known to exist). */
export function valueAt(tree: unknown, path: TreePath): unknown {
  let node = tree;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  return node;
}

function sameChildren(a: readonly TreeDef[], b: readonly TreeDef[]): boolean {
  return a.length === b.length && a.every((child, i) => sameStructure(child, b[i]));
}

/**
 * Checks that `spec` is an axis spec (see `AxisSpec`), naming the offending
 * part: `inAxes[1].w is 1.5, not an integer axis`.
 */
export function checkAxisSpec(spec: unknown, specName: string): asserts spec is AxisSpec {
  const walk = (node: unknown, path: TreePath): void => {
    if (node === null || (typeof node === "number" && Number.isInteger(node))) return;
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, [...path, i]));
    else if (isPlainObject(node)) Object.keys(node).forEach((key) => walk(node[key], [...path, key]));
    else {
      throw new VmapError(
        `vmap: ${formatPath(specName, path)} is ${describeValue(node)}; ` +
          `an axis spec is an integer axis, null (not mapped), or an array or object of them`,
      );
    }
  };
  walk(spec, []);
}

/**
 * Matches an axis spec against a tree with JAX's prefix semantics: the spec's
 * nodes must match the tree's nodes, and each spec leaf covers the whole
 * subtree below it. Returns one entry per spec leaf (the subtree it covers,
 * kept whole) and the def that puts such subtrees back together.
 *
 * `specName` ("inAxes", "outAxes") and `place` (how to name a path for the
 * user) only shape error messages.
 */
export function flattenUpTo(
  spec: AxisSpec,
  tree: unknown,
  root: TreePath,
  specName: string,
  place: (path: TreePath) => string,
): Flattened<{ readonly axis: number | null; readonly subtree: unknown }> {
  const leaves: LeafAt<{ axis: number | null; subtree: unknown }>[] = [];
  const mismatch = (path: TreePath, node: unknown, specNode: unknown): VmapError =>
    new VmapError(
      `vmap: ${specName} does not match the structure of ${place(path)}: ` +
        `${specName} has ${describeValue(specNode)} there, but the value is ${describeValue(node)}`,
    );
  const walk = (specNode: AxisSpec, node: unknown, path: TreePath): TreeDef => {
    if (specNode === null || typeof specNode === "number") {
      leaves.push({ path, value: { axis: specNode, subtree: node } });
      return { kind: "leaf" };
    }
    if (isSpecArray(specNode)) {
      if (!Array.isArray(node) || node.length !== specNode.length) throw mismatch(path, node, specNode);
      return { kind: "array", children: node.map((child, i) => walk(specNode[i], child, [...path, i])) };
    }
    if (!isPlainObject(node)) throw mismatch(path, node, specNode);
    const keys = Object.keys(node);
    const specKeys = Object.keys(specNode);
    if (keys.length !== specKeys.length || !keys.every((key) => Object.hasOwn(specNode, key))) {
      throw mismatch(path, node, specNode);
    }
    return { kind: "object", keys, children: keys.map((key) => walk(specNode[key], node[key], [...path, key])) };
  };
  return { def: walk(spec, tree, root), leaves };
}

/** `Array.isArray`, which does not narrow a union holding readonly arrays. */
export function isSpecArray(spec: AxisSpec): spec is readonly AxisSpec[] {
  return Array.isArray(spec);
}

/** `root` followed by the path: `args[1].weights`, `result["a b"][0]`. */
export function formatPath(root: string, path: TreePath): string {
  return root + path.map(formatStep).join("");
}

function formatStep(step: string | number): string {
  if (typeof step === "number") return `[${step}]`;
  return /^[A-Za-z_$][\w$]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
}

/** A short description of a value for error messages: `an array of length 2`, `a Tensor of shape (3,)`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? "an empty object" : `an object with keys (${keys.join(", ")})`;
  }
  if (value instanceof Tensor) return withArticle(`${value.dtype} Tensor of shape ${formatShape(value.shape)}`);
  if (isTypedArray(value)) return withArticle(`${value.constructor.name} of length ${value.length}`);
  if (typeof value === "number" || typeof value === "boolean") return `the ${typeof value} ${value}`;
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "function") return "a function";
  return withArticle(typeof value === "object" ? value.constructor?.name ?? "object" : typeof value);
}

function withArticle(noun: string): string {
  return `${/^[aeio]/i.test(noun) ? "an" : "a"} ${noun}`;
}

/** A tree's structure in one line, `*` for a leaf: `{mean: *, parts: [*, *]}`. */
export function formatTreeDef(def: TreeDef): string {
  switch (def.kind) {
    case "leaf":
      return "*";
    case "empty":
      return String(def.value);
    case "array":
      return `[${def.children.map(formatTreeDef).join(", ")}]`;
    case "object":
      return `{${def.keys.map((key, i) => `${key}: ${formatTreeDef(def.children[i])}`).join(", ")}}`;
  }
}
