// Regenerates schema/platform-spec-v1.json from the TypeBox modules (a test fails when it is stale).
import { writeFileSync } from "node:fs";
import { renderJsonSchema } from "../schema/export.js";

const target = new URL("../schema/platform-spec-v1.json", import.meta.url);
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${target.pathname}`);
