// Writes runtime/generated/loops.ts from scripts/loop-table.mjs. Run it
// (`npm run generate:loops`) after changing the table, and commit the result.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loopsSource } from "./loop-source.mjs";

const target = fileURLToPath(new URL("../runtime/generated/loops.ts", import.meta.url));
writeFileSync(target, loopsSource());
console.log(`wrote ${target}`);
