import { configDefaults, defineConfig } from "vitest/config";

// vitest 5 prints failures with Map.groupBy, which Node 20 lacks; without this a failing run hides its errors.
if (typeof (Map as { groupBy?: unknown }).groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    value<K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
    configurable: true,
    writable: true,
  });
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that drive build tools and a browser run apart, in `npm run test:tools` (vitest.tools.config.mts).
    exclude: [...configDefaults.exclude, "test/tools*/**"],
    // A build with the plugin leaves a compiler server behind (transformer/hosts/compiler-server.ts); only the tests of it start one.
    env: { TSVMAP_COMPILER_SERVER: "0" },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
