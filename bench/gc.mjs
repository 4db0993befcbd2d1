// A full garbage collection between implementations, so that one
// implementation's garbage is not collected on another's clock. Node hides
// gc() unless started with --expose-gc; the flag can be set at run time and
// the function read from a fresh context.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");

export function collectGarbage() {
  gc();
}
