// Regenerates the generated blocks of docs/spec.md (a test fails when they are stale).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fillGenerated, renderReference } from "../src/docs/reference.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const file = `${root}docs/spec.md`;
writeFileSync(file, fillGenerated(readFileSync(file, "utf8"), await renderReference(root)));
console.log(`wrote ${file}`);
