// The globals an example may use in the playground, in place of the DOM's lib.
declare const console: { log(...values: unknown[]): void };
