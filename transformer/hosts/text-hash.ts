import * as crypto from "node:crypto";

/** The hash by which the on-disk cache knows a text again. */
export function textHash(text: string): string {
  return crypto.createHash("sha256").update(text).digest("hex");
}
