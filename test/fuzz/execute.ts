import * as vm from "node:vm";
import * as batchedRuntime from "../../runtime/batched/index";
import { VmapError } from "../../runtime/errors";
import * as publicApi from "../../runtime/index";
import { comparePytrees } from "../harness/compare";
import { createModuleLoader } from "../harness/evaluate";
import { Random } from "../harness/random";
import type { CompiledFile } from "./compile";

/** The four outcomes of issue 9, and INVALID for a program TypeScript rejects (a generator bug). */
export type Outcome = "agree" | "MISMATCH" | "CRASH" | "REFUSED" | "INVALID";

export interface Verdict {
  readonly outcome: Outcome;
  /** What went wrong, for the report (empty when they agree). */
  readonly detail: string;
  /** `detail` with names and numbers blotted out, and for wrong values the forms the program uses: findings are grouped by it. */
  readonly cause: string;
  /** The cause without the forms: what shrinking keeps. */
  readonly symptom: string;
}

/** How long one batched call may run before it counts as a hang. */
const callTimeoutMs = 5000;

/** `message` without what varies between programs with one cause: generated names, numbers, shapes. */
export function causeOf(message: string): string {
  return message
    .split("\n")[0]
    .replace(/\b(\w+)_\d+\b/g, "$1")
    .replace(/\b(?:[cvijnqadpKAT]|helper)\d+(?:[nt]|\.\w+)?\b/g, "<name>")
    .replace(/(?<![A-Za-z_\d])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g, "#")
    .replace(/\(#(?:, #)*\)/g, "(shape)")
    .slice(0, 160);
}

function verdict(outcome: Outcome, detail: string, symptom = causeOf(detail), forms = ""): Verdict {
  if (outcome === "agree") return { outcome, detail, cause: "", symptom: "" };
  return { outcome, detail, cause: `${outcome} ${symptom}${forms}`, symptom: `${outcome} ${symptom}` };
}

type Attempt = { readonly value: unknown } | { readonly error: Error };

/** Runs `thunk` under a watchdog, so a compiled loop that never ends is a finding and not a hung fuzzer. */
function attempt(thunk: () => unknown): Attempt {
  const slot = globalThis as { __tsvmapFuzzCall?: () => unknown };
  slot.__tsvmapFuzzCall = thunk;
  try {
    return { value: vm.runInThisContext("globalThis.__tsvmapFuzzCall()", { timeout: callTimeoutMs }) };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  } finally {
    delete slot.__tsvmapFuzzCall;
  }
}

const describeError = (error: Error) => `${error.constructor.name}: ${error.message}`;

/** The forms a program uses that wrong values most often come from, so that findings of different causes stay apart. */
export function formsOf(source: string): string {
  const forms = [
    [/random\.integers/, "int32"],
    [/Float32Array/, "float32"],
    [/\b(?:for|while) \(/, "loop"],
    [/\bvmap\(\(/, "nested vmap"],
  ] as const;
  return `[${forms.filter(([pattern]) => pattern.test(source)).map(([, name]) => name).join(", ")}]`;
}

interface LoadedCase {
  readonly source: string;
  readonly batched: (...args: unknown[]) => unknown;
  readonly reference: (...args: unknown[]) => unknown;
  readonly inputs: (batchSize: number, random: Random) => unknown[];
  readonly batchSizes: readonly number[];
}

/**
 * The run-time refusals the README lists: a branch on a batched condition
 * whose examples take sides of two dtypes that they then compute on, which one
 * batch cannot hold (runtime/batched/select.ts); per-example numbers meeting
 * int32 or bool data as integers in some examples and fractions in others,
 * which the examples then compute on (runtime/elementwise/binary.ts); and a closed-over array of
 * numbers read past its end where the example would see `undefined`, which a
 * batch of numbers cannot hold (runtime/batched/gather.ts).
 */
function runTimeRefusal(error: Error): string | undefined {
  if (error instanceof VmapError && error.message.startsWith("vmap: a branch on a batched condition")) return "a batched branch splits its examples between two dtypes";
  if (error instanceof VmapError && / a per-example number meets an? \w+ Tensor .* as an integer in some examples and as a fraction in others/.test(error.message)) {
    return "a per-example number splits its examples between int32 and float64";
  }
  if (error instanceof TypeError && /^vmap: an array of \d+ numbers read at index .* gives undefined/.test(error.message)) return "an example reads a closed-over array of numbers past its end";
  return undefined;
}

/** Runs a compiled case against `vmap.reference` at each of its batch sizes, each side on its own copy of the inputs. */
function runCase(loaded: LoadedCase): Verdict {
  for (const batchSize of loaded.batchSizes) {
    const inputs = () => loaded.inputs(batchSize, new Random(batchSize + 1));
    const expected = attempt(() => loaded.reference(...inputs()));
    const actual = attempt(() => loaded.batched(...inputs()));
    const at = `at batch size ${batchSize}`;
    if ("error" in expected && "error" in actual && actual.error.constructor.name === expected.error.constructor.name) continue;
    const refusal = "error" in actual ? runTimeRefusal(actual.error) : undefined;
    if ("error" in actual && refusal !== undefined) return verdict("REFUSED", `at run time: ${describeError(actual.error)} ${at}`, `at run time: ${refusal}`);
    if ("error" in expected) {
      const got = "error" in actual ? `throws ${describeError(actual.error)}` : "returns a result";
      return verdict("MISMATCH", `reference throws ${describeError(expected.error)}, compiled ${got} ${at}`);
    }
    if ("error" in actual) return verdict("MISMATCH", `compiled throws ${describeError(actual.error)} where the reference works, ${at}`);
    const differences = comparePytrees(actual.value, expected.value);
    if (differences.length > 0) {
      const what = /shape|dtype|keys|length|got a|got an/.exec(differences[0])?.[0] ?? "values";
      return verdict("MISMATCH", `${differences[0]} ${at}`, `wrong ${what}`, ` ${formsOf(loaded.source)}`);
    }
  }
  return verdict("agree", "");
}

/** Classifies one compiled file: ill-typed, crashed, refused, or run and compared. */
export function judge(file: CompiledFile): Verdict {
  if (file.typeErrors.length > 0) return verdict("INVALID", file.typeErrors[0]);
  if (file.crash !== undefined) return verdict("CRASH", `emit threw ${file.crash}`);
  const internal = file.diagnostics.find((d) => d.code === 9000);
  if (internal !== undefined) return verdict("CRASH", internal.message.replace(/^TSVMAP9000: internal error while compiling this vmap call; it was left uncompiled\. Please report this as a tsvmap bug, with the call\. /, ""));
  if (file.diagnostics.length > 0) {
    const first = file.diagnostics[0];
    return verdict("REFUSED", `TSVMAP${first.code} ${first.message.replace(/^TSVMAP\d+: /, "")}`);
  }
  const javascript = file.javascript!;
  const load = createModuleLoader(() => javascript, { tsvmap: publicApi, "tsvmap/runtime": batchedRuntime });
  let loaded: LoadedCase;
  try {
    loaded = { ...(load(file.fileName) as unknown as LoadedCase), source: file.source };
  } catch (error) {
    return verdict("MISMATCH", `loading the compiled module throws ${error instanceof Error ? describeError(error) : String(error)}`);
  }
  return runCase(loaded);
}
