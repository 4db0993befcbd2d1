import type { Var } from "../ir";
import { type Code, type Statement, refsOf } from "../batch/code";

/**
 * The batched values that may hold `undefined`: a closed-over array read past
 * its end at an unbatched index, joined to a batch where an example may see
 * the `undefined` itself (`broadcastLevels(table[i])` without `jsNumber`), and
 * every value computed or chosen from one. A kernel reads its inputs as typed
 * arrays, which hold no `undefined`, so ops reading these run one by one:
 * a choice then passes the `undefined` on as the examples taking it hold it.
 */
export function undefinedHolders(statements: readonly Statement[]): Set<Var> {
  const holders = new Set<Var>();
  const all = flatten(statements);
  for (let changed = true; changed; ) {
    changed = false;
    for (const statement of all) {
      const target = targetOf(statement);
      if (target === undefined || holders.has(target) || !("code" in statement) || statement.code === undefined) continue;
      if (joinsAnArrayRead(statement.code) || [...refsOf(statement.code)].some((read) => holders.has(read))) {
        holders.add(target);
        changed = true;
      }
    }
  }
  return holders;
}

function targetOf(statement: Statement): Var | undefined {
  if ("define" in statement) return statement.define;
  if ("declare" in statement) return statement.declare;
  if ("assign" in statement) return statement.assign;
  return undefined;
}

function flatten(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((statement) => {
    if ("branch" in statement) return [statement, ...flatten(statement.then), ...flatten(statement.else)];
    if ("loop" in statement) return [statement, ...flatten(statement.loop)];
    return [statement];
  });
}

function joinsAnArrayRead(code: Code): boolean {
  return "helper" in code && code.helper === "broadcastLevels" && readsAnArray(code.args[0]);
}

/** Whether `code` reads an array's element as it is: `jsNumber(table[i])` reads it as a number. */
function readsAnArray(code: Code): boolean {
  if ("element" in code) return true;
  if ("helper" in code && code.helper === "jsNumber") return false;
  if ("args" in code) return code.args.some(readsAnArray);
  if ("conditional" in code) return code.conditional.some(readsAnArray);
  if ("array" in code) return code.array.some(readsAnArray);
  return false;
}
