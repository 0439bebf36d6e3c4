// Test helpers for `platform diff`: synthesis folders made by the real engine (as `platform synth
// --out DIR` writes them), and hand-written ones for capabilities the engine does not build yet.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { loadSynthesis } from "../../src/diff/load.js";
import { compareSyntheses } from "../../src/diff/compare.js";
import { synthesizeToDirectory } from "../../src/engine/synthesize.js";
import { resolveSettings, type SettingName } from "../../src/settings/settings.js";
import { loadValid, specYaml } from "../helpers/spec.js";

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "platform-diff-"));
  created.push(dir);
  return dir;
}

export interface ServiceSpec {
  name?: string;
  spec: Record<string, unknown>;
}

/** Synthesizes the services into a fresh folder with the real engine; returns the out folder. */
export async function synthDir(services: readonly ServiceSpec[], settings: Partial<Record<SettingName, string>> = {}): Promise<string> {
  const dir = tempDir();
  const configs = services.map(({ name, spec }) => loadValid(specYaml(spec, name)));
  await synthesizeToDirectory(configs, resolveSettings(settings, {}), dir);
  return dir;
}

/** A copy of a synthesis folder whose stack JSON `edit` rewrites (a hand-made head). */
export function editedCopy(dir: string, stack: string, edit: (json: Record<string, any>) => void): string {
  const copy = tempDir();
  // Links copied as written: `stacks` links (relatively) into the copy's own generation folder.
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  const file = join(copy, "stacks", stack, "cdk.tf.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as Record<string, any>;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return copy;
}

/** A synthesis folder written by hand: stack name -> Terraform JSON. */
export function writeSynthesis(stacks: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(json, null, 2));
  }
  return dir;
}

export const diffDirs = (base: string, head: string) => compareSyntheses(loadSynthesis(base), loadSynthesis(head));
