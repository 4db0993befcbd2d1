/**
 * A call site compiled ahead of time by `tsvmap build`, typed as the `vmap(...)`
 * call it replaced. `original` is that call, kept only so the type checker
 * infers the same type as before; it never runs.
 */
export function compiledAs<T>(original: () => T, compiled: unknown): T {
  void original;
  return compiled as T;
}
