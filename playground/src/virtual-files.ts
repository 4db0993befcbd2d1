/**
 * The playground's file system, by absolute POSIX path: TypeScript's lib
 * declarations, the tsvmap package as npm installs it, and the example.
 */
export const virtualFiles = new Map<string, string>();
