/**
 * Which compiled modules read which files: a call site inlines functions from
 * the files its module imports, so when one of them changes the module must
 * be compiled again even though its own text did not change.
 */
export interface DependentModules {
  /** Records that `module` was compiled from `dependencies` besides itself (replacing what was recorded before). */
  record(module: string, dependencies: readonly string[]): void;
  /** The compiled modules that read `file`, itself included when it is one. */
  of(file: string): string[];
}

export function createDependentModules(): DependentModules {
  const dependenciesOf = new Map<string, readonly string[]>();
  return {
    record(module, dependencies) {
      dependenciesOf.set(module, dependencies);
    },
    of(file) {
      return [...dependenciesOf].filter(([module, dependencies]) => module === file || dependencies.includes(file)).map(([module]) => module);
    },
  };
}
