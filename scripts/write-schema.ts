// Regenerates schema/platform-spec-v1.json and schema/platform-settings-v1.json from the TypeBox modules (tests fail when they are stale).
import { writeFileSync } from "node:fs";
import { renderJsonSchema, renderSchemaDocument } from "../schema/export.js";
import { PlatformSettingsFile } from "../src/settings/file.js";

const target = new URL("../schema/platform-spec-v1.json", import.meta.url);
writeFileSync(target, renderJsonSchema());
console.log(`wrote ${target.pathname}`);
const settings = new URL("../schema/platform-settings-v1.json", import.meta.url);
writeFileSync(settings, renderSchemaDocument(PlatformSettingsFile));
console.log(`wrote ${settings.pathname}`);
