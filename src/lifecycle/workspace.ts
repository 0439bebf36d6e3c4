// What create, destroy and preview --plan share: one spec synthesized into its stack directory,
// terraform run there with its output streamed to the person watching, and outputs read back.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Io } from "../support/io.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { OUTPUTS_FILE, STACK_FILE, stackDirectory, type OutputManifestEntry } from "../engine/layout.js";
import { synthesizeToDirectory } from "../engine/synthesize.js";
import type { EngineSettings } from "../settings/settings.js";
import { readStackJson, type StackJson } from "./create-plan.js";
import { TerraformRunner } from "./terraform.js";

export interface StackWorkspace {
  name: string;
  /** The stack directory terraform runs in. */
  dir: string;
  file: string;
  json: StackJson;
  resources: number;
  /** The stack's output manifest (outputs.json beside the stack); empty when the stack has none. */
  outputs: OutputManifestEntry[];
}

export { stackDirectory };

/** The output manifest of the stack in `dir`; empty when there is none (a stack synthesized before manifests existed). */
export async function readOutputManifest(dir: string): Promise<OutputManifestEntry[]> {
  try {
    return JSON.parse(await readFile(join(dir, OUTPUTS_FILE), "utf8")) as OutputManifestEntry[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/**
 * What terraform keeps in a stack directory between runs: the installed providers and the lock
 * file that pins their versions. Synthesis replaces the directory, so these are carried over.
 */
const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

/**
 * Synthesizes the spec into `<out>/stacks/<name>` (atomically, as `platform synth` does), keeping
 * terraform's working files from the previous run so providers are not downloaded again and
 * their pinned versions stay the same.
 */
export async function synthesizeWorkspace(config: PlatformConfig, settings: EngineSettings, outDir: string): Promise<StackWorkspace> {
  const dir = stackDirectory(outDir, config.serviceName);
  const kept = join(outDir, `.platform-keep-${config.serviceName}`);
  const carried = TERRAFORM_WORKING_FILES.filter((name) => existsSync(join(dir, name)));
  await rm(kept, { recursive: true, force: true });
  if (carried.length > 0) await mkdir(kept, { recursive: true });
  for (const name of carried) await rename(join(dir, name), join(kept, name));
  try {
    const [summary] = await synthesizeToDirectory([config], settings, outDir);
    const stackDir = dirname(summary!.file);
    return {
      name: summary!.name,
      dir: stackDir,
      file: summary!.file,
      json: await readStackJson(summary!.file),
      resources: summary!.resources,
      outputs: await readOutputManifest(stackDir),
    };
  } finally {
    // Back into the new directory, or into the old one when synthesis failed and left it in place.
    if (existsSync(dir)) for (const name of carried) await rename(join(kept, name), join(dir, name));
    await rm(kept, { recursive: true, force: true });
  }
}

export async function existingWorkspace(outDir: string, name: string): Promise<StackWorkspace | undefined> {
  const dir = stackDirectory(outDir, name);
  const file = join(dir, STACK_FILE);
  try {
    const json = await readStackJson(file);
    const resources = Object.values(json.resource ?? {}).reduce((sum, byId) => sum + Object.keys(byId).length, 0);
    return { name, dir, file, json, resources, outputs: await readOutputManifest(dir) };
  } catch {
    return undefined;
  }
}

/** A runner that streams terraform's output and the engine's progress to stderr (results go to stdout). */
export function terraformFor(io: Io, dir: string): TerraformRunner {
  return new TerraformRunner({
    dir,
    env: io.env,
    onOutput: (text) => io.stderr(text),
    onProgress: (line) => io.stderr(`${line}\n`),
    color: io.color === true,
  });
}

/** File name of the saved plan inside the stack directory (removed after use: it can hold values). */
export const PLAN_FILE = "platform.tfplan";

export async function removePlan(dir: string): Promise<void> {
  await rm(join(dir, PLAN_FILE), { force: true });
}

/**
 * Outputs with their namespaced keys (`compute.service_url`), read from the stack's output manifest
 * (outputs.json, written beside the stack); an output the manifest does not name keeps its
 * Terraform name. Sensitive values are hidden.
 */
export function namespacedOutputs(manifest: readonly OutputManifestEntry[], outputs: Record<string, { value: unknown; sensitive: boolean }>): Array<{ key: string; name: string; value: string }> {
  const keys = new Map(manifest.map((entry) => [entry.terraformName, entry.key]));
  return Object.entries(outputs)
    .map(([name, output]) => {
      const key = keys.get(name) ?? name;
      const value = output.sensitive ? "(sensitive)" : typeof output.value === "string" ? output.value : JSON.stringify(output.value);
      return { key, name, value };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

export function renderOutputs(entries: ReturnType<typeof namespacedOutputs>): string[] {
  if (entries.length === 0) return [];
  const width = Math.max(...entries.map((entry) => entry.key.length)) + 2;
  return ["outputs:", ...entries.map((entry) => `  ${entry.key.padEnd(width)}${entry.value}`)];
}
