// The engine side of the built-in webhook gateway: finds its zip (built with dist/ by
// scripts/build-gateway.mjs) and says what Terraform needs to deploy it. Read when a stack that
// uses it is built, never at module load (the startup snapshot must not hold a stale copy).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the build writes the zip, relative to the project (GATEWAY_ZIP in scripts/build-gateway.mjs). */
const ZIP_IN_PROJECT = join("dist", "gateway", "webhook-gateway.zip");
/** The zip's name beside each stack's Terraform. */
export const GATEWAY_ZIP_FILE = "webhook-gateway.zip";
/** The handler in the zip (index.mjs, export `handler`). */
export const GATEWAY_HANDLER = "index.handler";

export interface GatewayPackage {
  bytes: Buffer;
  /** Base64 SHA-256 of the zip: Lambda's source_code_hash. */
  sha256: string;
}

/** The project folder: the nearest folder above this module (source or bundle) that holds the built zip. */
function zipPath(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let folder = from; ; folder = dirname(folder)) {
    const candidate = join(folder, ZIP_IN_PROJECT);
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}

/** The built gateway package; throws with what to run when it was never built. */
export function gatewayPackage(): GatewayPackage {
  const path = zipPath();
  if (!path) throw new Error(`the webhook gateway's package (${ZIP_IN_PROJECT}) is missing: run \`npm run build\``);
  const bytes = readFileSync(path);
  return { bytes, sha256: createHash("sha256").update(bytes).digest("base64") };
}
