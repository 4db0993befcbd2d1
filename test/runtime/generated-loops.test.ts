import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateCommand, loopsSource } from "../../scripts/loop-source.mjs";
import { binary, folds, unary } from "../../scripts/loop-table.mjs";
import { binaryLoops, monoids, unaryLoops } from "../../runtime/generated/loops";

describe("runtime/generated/loops.ts", () => {
  it(`is what the generator writes from the table (else run \`${generateCommand}\`)`, () => {
    const committed = readFileSync(new URL("../../runtime/generated/loops.ts", import.meta.url), "utf8");
    expect(committed).toBe(loopsSource());
  });

  it("has every op of the table, and nothing else", () => {
    expect(Object.keys(binaryLoops)).toEqual(binary.map((op) => op.name));
    expect(Object.keys(unaryLoops)).toEqual(unary.map((op) => op.name));
    expect(Object.keys(monoids)).toEqual(folds.map((op) => op.name));
  });
});
