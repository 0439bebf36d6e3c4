// Writes schemas/<provider>.json from the installed bindings: `npx tsx test-support/stand-in-provider/write-schemas.ts`.
// __tests__/offline-terraform/stand-in-schema.test.ts fails when the committed files are stale.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateSchema } from "./schema-gen.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

export function schemaFile(provider: "aws" | "cloudflare"): string {
  return join(here, "schemas", `${provider}.json`);
}

export function renderSchema(provider: "aws" | "cloudflare"): string {
  return `${JSON.stringify(generateSchema(root, provider), null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(join(here, "schemas"), { recursive: true });
  for (const provider of ["aws", "cloudflare"] as const) {
    writeFileSync(schemaFile(provider), renderSchema(provider));
    console.log(`wrote ${schemaFile(provider)}`);
  }
}
