// Helpers for tests that run the real terraform binary on stacks of built-in resources only.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locateTerraform, TerraformRunner } from "../../src/lifecycle/terraform.js";
import { loopbackEnv } from "./s3-server.js";

/** The binary, or a failing test: these tests must never pass silently without terraform. */
export function requireTerraform(): string {
  return locateTerraform({ PATH: process.env.PATH });
}

/**
 * A Terraform CLI config whose only provider source is an empty folder: nothing is downloaded,
 * and a stack that needs a provider fails at installation, as it would offline.
 */
export function offlineCliConfig(root: string): string {
  const mirror = join(root, "empty-provider-mirror");
  mkdirSync(mirror, { recursive: true });
  const file = join(root, "terraform.rc");
  writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
  return file;
}

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `platform-${prefix}-`));

/** Environment for terraform and the SDK in tests: loopback only, dummy keys, offline providers. */
export function terraformEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return loopbackEnv({ PATH: process.env.PATH, TF_CLI_CONFIG_FILE: offlineCliConfig(root), ...extra });
}

/** Writes a stack directory holding `main.tf.json`. */
export function writeStack(dir: string, json: unknown, file = "main.tf.json"): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
  return dir;
}

export interface RecordedRunner {
  runner: TerraformRunner;
  output: () => string;
  progress: () => string[];
}

export function recordedRunner(dir: string, env: NodeJS.ProcessEnv, quietSeconds?: number): RecordedRunner {
  let output = "";
  const progress: string[] = [];
  const runner = new TerraformRunner({
    dir,
    env,
    onOutput: (text) => void (output += text),
    onProgress: (line) => void progress.push(line),
    ...(quietSeconds !== undefined ? { quietSeconds } : {}),
  });
  return { runner, output: () => output, progress: () => progress };
}
