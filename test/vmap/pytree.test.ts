import { describe, expect, it } from "vitest";
import { VmapError } from "../../runtime/errors";
import {
  checkAxisSpec,
  describeValue,
  flatten,
  flattenUpTo,
  formatPath,
  formatTreeDef,
  sameStructure,
  unflatten,
} from "../../runtime/pytree";
import { Tensor } from "../../runtime/tensor";

const scalar = (value: number): Tensor => new Tensor(Float64Array.of(value), [], "float64");
const place = (path: readonly (string | number)[]): string => formatPath("tree", path);

describe("flatten and unflatten", () => {
  it("lists leaves depth first with their paths, and puts them back", () => {
    const t = scalar(5);
    const tree = { w: [1, t], b: { c: true }, name: "x" };
    const { def, leaves } = flatten(tree);
    expect(leaves.map((leaf) => leaf.path)).toEqual([["w", 0], ["w", 1], ["b", "c"], ["name"]]);
    expect(leaves.map((leaf) => leaf.value)).toEqual([1, t, true, "x"]);
    expect(formatTreeDef(def)).toBe("{w: [*, *], b: {c: *}, name: *}");
    expect(unflatten(def, [10, 20, 30, 40])).toEqual({ w: [10, 20], b: { c: 30 }, name: 40 });
  });

  it("keeps null and undefined as leafless nodes and class instances as leaves", () => {
    const array = new Float32Array([1, 2]);
    const fn = (): number => 1;
    const { def, leaves } = flatten([null, undefined, array, fn]);
    expect(leaves.map((leaf) => leaf.value)).toEqual([array, fn]);
    expect(formatTreeDef(def)).toBe("[null, undefined, *, *]");
    expect(unflatten(def, ["a", "b"])).toEqual([null, undefined, "a", "b"]);
  });

  it("starts paths at the given root", () => {
    expect(flatten({ a: 1 }, [2]).leaves[0].path).toEqual([2, "a"]);
  });

  it("refuses the wrong number of leaves", () => {
    expect(() => unflatten(flatten([1, 2]).def, [1])).toThrow("unflatten: the tree has 2 leaves but 1 were given");
  });

  it("compares structures, keys in order included", () => {
    expect(sameStructure(flatten({ a: 1, b: [2] }).def, flatten({ a: "x", b: [true] }).def)).toBe(true);
    expect(sameStructure(flatten({ a: 1, b: 2 }).def, flatten({ b: 1, a: 2 }).def)).toBe(false);
    expect(sameStructure(flatten([1, 2]).def, flatten([1, [2]]).def)).toBe(false);
    expect(sameStructure(flatten([null]).def, flatten([undefined]).def)).toBe(false);
  });
});

describe("flattenUpTo (prefix semantics)", () => {
  it("gives one entry per spec leaf, covering the whole subtree below it", () => {
    const tree = { params: { w: [1, 2], b: 3 }, x: 4 };
    const { def, leaves } = flattenUpTo({ params: null, x: 0 }, tree, [], "inAxes", place);
    expect(leaves).toEqual([
      { path: ["params"], value: { axis: null, subtree: { w: [1, 2], b: 3 } } },
      { path: ["x"], value: { axis: 0, subtree: 4 } },
    ]);
    expect(unflatten(def, ["P", "X"])).toEqual({ params: "P", x: "X" });
  });

  it("matches arrays element by element and object keys in any order", () => {
    const { leaves } = flattenUpTo([{ b: 1, a: -1 }, null], [{ a: "A", b: "B" }, "C"], [], "inAxes", place);
    expect(leaves.map((leaf) => [leaf.path, leaf.value.axis, leaf.value.subtree])).toEqual([
      [[0, "a"], -1, "A"],
      [[0, "b"], 1, "B"],
      [[1], null, "C"],
    ]);
  });

  it("names the place, the spec and the value where the structures differ", () => {
    const wrongKeys = (): unknown => flattenUpTo({ a: 0 }, { w: [{ a: 1, b: 2 }] }, [], "outAxes", place);
    expect(wrongKeys).toThrow(VmapError);
    expect(wrongKeys).toThrow(
      "vmap: outAxes does not match the structure of tree: outAxes has an object with keys (a) there, " +
        "but the value is an object with keys (w)",
    );
    expect(() => flattenUpTo({ w: [0, 0] }, { w: [1, 2, 3] }, [], "inAxes", place)).toThrow(
      "vmap: inAxes does not match the structure of tree.w: inAxes has an array of length 2 there, " +
        "but the value is an array of length 3",
    );
    expect(() => flattenUpTo([0], scalar(1), [], "inAxes", place)).toThrow(
      "inAxes has an array of length 1 there, but the value is a float64 Tensor of shape ()",
    );
  });
});

describe("checkAxisSpec", () => {
  it("accepts integers, null, arrays and plain objects of them", () => {
    expect(() => checkAxisSpec([0, null, { a: -1, b: [2] }], "inAxes")).not.toThrow();
  });

  it("names the part that is not an axis", () => {
    expect(() => checkAxisSpec([0, { w: 1.5 }], "inAxes")).toThrow(
      "vmap: inAxes[1].w is the number 1.5; an axis spec is an integer axis, null (not mapped), or an array or object of them",
    );
    expect(() => checkAxisSpec("0", "outAxes")).toThrow('vmap: outAxes is the string "0"');
    expect(() => checkAxisSpec({ a: undefined }, "inAxes")).toThrow("vmap: inAxes.a is undefined");
  });
});

describe("formatPath and describeValue", () => {
  it("writes identifiers with dots, other keys quoted, indices in brackets", () => {
    expect(formatPath("args", [1, "weights", 0, "a b"])).toBe('args[1].weights[0]["a b"]');
  });

  it("describes values briefly", () => {
    expect(describeValue([1, 2])).toBe("an array of length 2");
    expect(describeValue({})).toBe("an empty object");
    expect(describeValue(new Int32Array(3))).toBe("an Int32Array of length 3");
    expect(describeValue(new Tensor(new Int32Array(1), [], "int32"))).toBe("an int32 Tensor of shape ()");
    expect(describeValue(new Tensor(new Uint8Array(2), [2], "bool"))).toBe("a bool Tensor of shape (2,)");
    expect(describeValue(true)).toBe("the boolean true");
    expect(describeValue(new Map())).toBe("a Map");
  });
});
