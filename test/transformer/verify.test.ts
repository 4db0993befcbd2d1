import ts from "typescript";
import { describe, expect, it } from "vitest";
import type { BatchedProgram, Statement } from "../../transformer/batch/code";
import { DiagnosticCode, TsvmapError } from "../../transformer/diagnostics";
import type { Program, Var } from "../../transformer/ir";
import { verifyBatched, verifyFused, verifyLowered } from "../../transformer/verify";

// The verifier that runs between the stages on every call site: each check, given a program that breaks it.
const node = ts.factory.createIdentifier("site");
const v = (id: number, hint: string, kind: Var["kind"] = "number"): Var => ({ id, hint, kind, rank: kind === "tensor" ? 1 : 0 });
const x = v(1, "x", "tensor");
const i = v(2, "i");
const t = v(3, "t", "tensor");

function internalError(run: () => void): TsvmapError {
  try {
    run();
  } catch (error) {
    if (error instanceof TsvmapError && error.code === DiagnosticCode.InternalError) return error;
    throw error;
  }
  throw new Error("the verifier accepted a broken program");
}

const program = (statements: Statement[]): BatchedProgram => ({ name: "f", params: [x], outsideNames: [], statements, result: { leaf: { ref: t } } });

describe("the IR verifier", () => {
  it("refuses a primitive whose kind is not its abstract evaluation", () => {
    const lowered: Program = {
      name: "f",
      params: [x],
      levels: [],
      equations: [{ op: "prim", prim: "add", args: [x, { literal: 1 }], out: v(4, "sum", "number"), source: { form: "np" }, node }],
      result: { leaf: x },
    };
    expect(internalError(() => verifyLowered(lowered, node)).message).toMatch(/`add` gives a tensor but its result `sum` is a number/);
  });

  it("refuses a loop whose body changes the kind of what it carries", () => {
    const acc = v(5, "acc", "number");
    const next = v(6, "next", "tensor");
    const lowered: Program = {
      name: "f",
      params: [x],
      levels: [],
      equations: [
        {
          op: "loop",
          carried: [acc],
          initial: [{ literal: 0 }],
          test: [],
          condition: { literal: false },
          body: [{ op: "prim", prim: "add", args: [acc, x], out: next, source: { form: "np" }, node }],
          next: [next],
          node,
        },
      ],
      result: { leaf: acc },
    };
    expect(internalError(() => verifyLowered(lowered, node)).message).toMatch(/carries `acc` as a number but its body makes it a tensor/);
  });

  it("refuses batched code that reads a value before defining it", () => {
    const statements: Statement[] = [{ define: t, code: { np: "add", args: [{ ref: i }, { ref: x }] }, node }];
    expect(internalError(() => verifyBatched(program(statements), node)).message).toMatch(/reads `i` \(#2\) before it is defined/);
  });

  it("refuses fusion that moves a statement past an assignment of a value it reads", () => {
    const declare: Statement = { declare: i, code: { value: 0 }, node };
    const read: Statement = { define: t, code: { np: "mul", args: [{ ref: x }, { ref: i }] }, node };
    const write: Statement = { assign: i, code: { value: 1 }, node };
    const before = program([declare, read, write]);
    const after = program([declare, write, read]);
    expect(() => verifyFused(before, before, node)).not.toThrow();
    expect(internalError(() => verifyFused(before, after, node)).message).toMatch(/moved a statement past an assignment of `i`/);
  });
});
