// `platform --version`: the engine's version and what it generates with (cdktf, the provider
// packages, which decide the Terraform provider versions) and runs on (Node.js).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGES = ["cdktf", "@cdktf/provider-aws", "@cdktf/provider-cloudflare"] as const;

function readVersion(file: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
}

/** The engine's folder (where its package.json is), if found. */
export function engineRoot(): string | undefined {
  const file = enginePackage();
  return file ? dirname(file) : undefined;
}

/** The engine's own package.json: the nearest above this module (src/cli/ or the bundle in dist/). */
function enginePackage(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (existsSync(file) && readVersion(file).name === "platform-engine") return file;
  }
  return undefined;
}

/** A dependency's version, found the way Node resolves it: in node_modules/ of the engine's folder or a folder above. */
function dependencyVersion(name: string, from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "node_modules", name, "package.json");
    if (existsSync(file)) return readVersion(file).version ?? "unknown";
  }
  return "not installed";
}

export function versionReport(): string {
  const engine = enginePackage();
  const from = engine ? dirname(engine) : process.cwd();
  const lines = [`platform-engine ${engine ? readVersion(engine).version : "unknown"}`];
  for (const name of PACKAGES) lines.push(`${name} ${dependencyVersion(name, from)}`);
  lines.push(`Node.js ${process.version}`);
  return `${lines.join("\n")}\n`;
}
