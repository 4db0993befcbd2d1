import { np } from "../../runtime/index";
import { compiledModules, evaluateModule, referenceModules, type ExampleExports } from "./evaluate";
import { resultDifference } from "./compare-results";
import { parseInputSpecs, sampleInputs } from "./sample-data";
import { timeCalls, type Timed } from "./timing";

/** The compiled example and its per-example reference, run and timed on the same sample inputs. */
export interface ExampleRun {
  readonly compiled: Timed;
  readonly reference: Timed;
  /** The largest absolute difference between the two results, or why they differ in structure. */
  readonly difference: number | string;
  /** What the compiled module and its first call printed with console.log. */
  readonly printed: readonly string[];
}

/** Runs `batched` of the emitted module against `batched` of the source with vmap meaning vmap.reference. */
export function runExample(javascript: string, source: string, inputSpecs: string, batchSize: number): ExampleRun {
  const inputs = sampleInputs(parseInputSpecs(inputSpecs, batchSize), (values, shape) => np.array(values, shape));
  const printed: string[] = [];
  let recording = true;
  const compiledBatched = batchedOf(
    evaluateModule(javascript, compiledModules, (line) => {
      if (recording) printed.push(line);
    }),
  );
  const referenceBatched = batchedOf(evaluateModule(source, referenceModules, () => {}));
  const compiled = timeCalls(() => {
    const value = compiledBatched(...inputs);
    recording = false;
    return value;
  });
  const reference = timeCalls(() => referenceBatched(...inputs));
  return { compiled, reference, difference: resultDifference(compiled.value, reference.value), printed };
}

function batchedOf(exports: ExampleExports): (...inputs: unknown[]) => unknown {
  const batched = exports.batched;
  if (typeof batched !== "function") throw new TypeError("the example exports no function `batched`: end it with `export const batched = vmap(...)`");
  return batched as (...inputs: unknown[]) => unknown;
}
