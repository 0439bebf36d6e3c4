// Renders the TypeBox contract as the JSON Schema document that editors and other tools read.
import { PlatformSpec } from "./index.js";

const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** The JSON Schema for platform.yaml, with stable key order and a trailing newline. */
export function renderJsonSchema(): string {
  const document = { $schema: JSON_SCHEMA_DIALECT, ...structuredClone(PlatformSpec) };
  return `${JSON.stringify(document, null, 2)}\n`;
}
