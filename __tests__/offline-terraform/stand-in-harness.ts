// Shared by the stand-in tests: synthesizes a fixture in-process and runs real terraform on the
// stack with the stand-in providers (scripts/offline-terraform.mjs).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { init, type Prepared, prepare, runTerraform, type SharedStandIns, type TerraformResult } from "../../scripts/offline-terraform.mjs";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";

export const FIXTURES = readdirSync(join(ROOT, "fixtures"))
  .filter((f) => f.endsWith(".yaml"))
  .sort();

export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, unknown>>;
  ephemeral?: Record<string, Record<string, unknown>>;
  variable?: Record<string, { type?: string; default?: unknown }>;
}

/** Synthesizes `fixtures/<file>` into a temp folder; returns each stack's folder. */
export async function synthFixture(file: string): Promise<{ out: string; stacks: string[] }> {
  const out = mkdtempSync(join(tmpdir(), "platform-stand-in-synth-"));
  const run = await runCli(["synth", join(ROOT, "fixtures", file), "--out", out]);
  if (run.code !== 0) throw new Error(`synth ${file} failed (${run.code}): ${run.stderr}`);
  const stacks = readdirSync(join(out, "stacks")).map((s) => join(out, "stacks", s));
  return { out, stacks };
}

export function readStackJson(stackDir: string): StackJson {
  return JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
}

/**
 * `-var name=value` for every variable without a default (stand-in values of the declared type),
 * and `check_images=false`: no image is ever pushed in the stand-in world, so the stacks'
 * plan-time check that the tags are in ECR is turned off as for a plan of placeholder tags.
 */
export function variableArgs(stack: StackJson): string[] {
  return Object.entries(stack.variable ?? {})
    .filter(([name, v]) => v.default === undefined || name === "check_images")
    .flatMap(([name, v]) => ["-var", `${name}=${name === "check_images" ? "false" : v.type === "number" ? "1" : v.type === "bool" ? "true" : `standin-${name}`}`]);
}

export interface OfflineStack {
  prepared: Prepared;
  tf(args: string[]): Promise<TerraformResult>;
  cleanup(): void;
}

/**
 * Prepares the mirror and the stack's copy and runs `terraform init`; throws when init fails.
 * With `shared`, Terraform attaches to the test file's long-lived stand-ins instead of starting
 * provider processes itself (about half the CPU of a run).
 */
export async function offlineStack(stackDir: string, options: { s3Endpoint?: string; world?: string; shared?: SharedStandIns } = {}): Promise<OfflineStack> {
  const prepared = await prepare(stackDir, options);
  if (options.shared) Object.assign(prepared.env, await options.shared.envFor(stackDir));
  const initResult = await init(prepared);
  if (initResult.code !== 0) throw new Error(`terraform init failed:\n${initResult.stdout}${initResult.stderr}`);
  return {
    prepared,
    tf: (args) => runTerraform(args, { cwd: prepared.stack, env: prepared.env }),
    cleanup: () => rmSync(prepared.dir, { recursive: true, force: true }),
  };
}

/** terraform's output in a failure message: the last part of both streams. */
export const tail = (r: TerraformResult) => `exit ${r.code}\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`;
