import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { createCalleeResolver } from "../../transformer/transformers/resolve";
import { createTempProject, preEmitErrors } from "./project";

const project = createTempProject({
  "package.json": JSON.stringify({ name: "user-app" }),
  "helpers.ts": [
    "export function helper(x: number): number { return x + 10; }",
    "export default (x: number): number => x - 1;",
  ].join("\n"),
  "main.ts": [
    'import { helper } from "./helpers";',
    'import { helper as renamed } from "./helpers";',
    'import byDefault from "./helpers";',
    'import * as helpers from "./helpers";',
    "function take(fn: unknown): void {}",
    "function declared(x: number): number { return x + 1; }",
    "function overloaded(x: number): number;",
    "function overloaded(x: string): string;",
    "function overloaded(x: number | string): number | string { return x; }",
    "const arrow = (x: number): number => x * 2;",
    "const expression = function (x: number): number { return x * 3; };",
    "const alias = arrow;",
    "let reassignable = (x: number): number => x;",
    "declare const ambient: (x: number) => number;",
    "const notAFunction = 3;",
    "function vmapStand(fn: unknown): unknown { return fn; }",
    "const mapped = vmapStand(arrow);",
    "const mappedAlias = mapped;",
    "take((x: number) => x * 4);",
    "take(function named(x: number) { return x * 5; });",
    "take(declared);",
    "take(overloaded);",
    "take(arrow);",
    "take(expression);",
    "take(alias);",
    "take((arrow));",
    "take(arrow as (x: number) => number);",
    "take(helper);",
    "take(renamed);",
    "take(byDefault);",
    "take(helpers.helper);",
    "take(reassignable);",
    "take(ambient);",
    "take(notAFunction);",
    "take(Math.sin);",
    "take(helpers);",
    "take(mapped);",
    "take(mappedAlias);",
    "take(vmapStand(declared));",
  ].join("\n"),
});
afterAll(() => project.remove());

const program = project.program(["main.ts"], { strict: true, types: [], lib: ["lib.es2022.d.ts"] });
// The stand-in for tsvmap's `vmap`, which this project does not install.
const resolveCallee = createCalleeResolver(ts, program.getTypeChecker(), (call) => call.expression.getText() === "vmapStand");
const main = program.getSourceFile(project.file("main.ts"))!;

/** What `take(<argument>)` resolves to, as `file: source text` of the function found. */
function resolvedText(argument: string): string | undefined {
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(main) === "take" && node.arguments[0].getText(main) === argument) {
      found = node.arguments[0];
    }
    ts.forEachChild(node, visit);
  };
  visit(main);
  if (found === undefined) return expect.fail(`no take(${argument})`);
  const callee = resolveCallee(found);
  if (callee === undefined) return undefined;
  const node = "fn" in callee ? callee.fn : callee.vmapCall;
  const file = node.getSourceFile();
  return `${file.fileName.slice(project.dir.length + 1)}: ${node.getText(file)}`;
}

describe("resolveCallee", () => {
  it("the project type-checks", () => expect(preEmitErrors(program)).toEqual([]));

  it("returns an inline arrow or function expression itself", () => {
    expect(resolvedText("(x: number) => x * 4")).toBe("main.ts: (x: number) => x * 4");
    expect(resolvedText("function named(x: number) { return x * 5; }")).toBe("main.ts: function named(x: number) { return x * 5; }");
  });

  it("follows a local name to its function declaration, the implementation of overloads", () => {
    expect(resolvedText("declared")).toBe("main.ts: function declared(x: number): number { return x + 1; }");
    expect(resolvedText("overloaded")).toBe(
      "main.ts: function overloaded(x: number | string): number | string { return x; }",
    );
  });

  it("follows const bindings, through parentheses, `as` and const aliases", () => {
    expect(resolvedText("arrow")).toBe("main.ts: (x: number): number => x * 2");
    expect(resolvedText("expression")).toBe("main.ts: function (x: number): number { return x * 3; }");
    expect(resolvedText("alias")).toBe("main.ts: (x: number): number => x * 2");
    expect(resolvedText("(arrow)")).toBe("main.ts: (x: number): number => x * 2");
    expect(resolvedText("arrow as (x: number) => number")).toBe("main.ts: (x: number): number => x * 2");
  });

  it("follows imports into another file: named, renamed, default, namespace member", () => {
    expect(resolvedText("helper")).toBe("helpers.ts: export function helper(x: number): number { return x + 10; }");
    expect(resolvedText("renamed")).toBe("helpers.ts: export function helper(x: number): number { return x + 10; }");
    expect(resolvedText("byDefault")).toBe("helpers.ts: (x: number): number => x - 1");
    expect(resolvedText("helpers.helper")).toBe("helpers.ts: export function helper(x: number): number { return x + 10; }");
  });

  it("follows a const bound to a vmap call to that call, and returns an inline one itself", () => {
    expect(resolvedText("mapped")).toBe("main.ts: vmapStand(arrow)");
    expect(resolvedText("mappedAlias")).toBe("main.ts: vmapStand(arrow)");
    expect(resolvedText("vmapStand(declared)")).toBe("main.ts: vmapStand(declared)");
  });

  it("refuses what it cannot read or what may change: let, ambient, non-functions, library functions", () => {
    expect(resolvedText("reassignable")).toBeUndefined();
    expect(resolvedText("ambient")).toBeUndefined();
    expect(resolvedText("notAFunction")).toBeUndefined();
    expect(resolvedText("Math.sin")).toBeUndefined();
    expect(resolvedText("helpers")).toBeUndefined();
  });
});
