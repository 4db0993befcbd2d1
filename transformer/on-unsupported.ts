import type { OnUnsupported } from "./transformers/file";

/**
 * An `onUnsupported` setting as the user wrote it (in tsconfig's plugin entry,
 * a bundler plugin's options or on the command line), checked: undefined is
 * the default, `"error"`; anything but `"error"` or `"reference"` is an error
 * naming `setting`, since a misspelt fallback must not silently fail builds.
 */
export function readOnUnsupported(value: unknown, setting: string): OnUnsupported {
  if (value === undefined) return "error";
  if (value === "error" || value === "reference") return value;
  throw new Error(`tsvmap: ${setting} must be "error" or "reference", not ${JSON.stringify(value)}`);
}
