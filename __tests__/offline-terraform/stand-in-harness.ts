// Shared by the stand-in tests: synthesizes a fixture in-process and runs real terraform on the
// stack with the stand-in providers (scripts/offline-terraform.mjs).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { init, type Prepared, prepare, runTerraform, type SharedStandIns, startSharedStandIns, type TerraformResult } from "../../scripts/offline-terraform.mjs";
import type { World } from "../../test-support/stand-in-provider/behaviour.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";
import { requireTerraform, tempDir } from "../helpers/terraform.js";

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

/** A world file a test edits, and the stand-ins started once for the file, which re-read it on every refresh. */
export interface EditableWorld {
  /** The default world (test-support/stand-in-provider/world.json). */
  readonly base: World;
  readonly file: string;
  readonly shared: SharedStandIns;
  /** Writes the default world with `changes` replacing its top-level keys. */
  set(changes: Partial<World>): void;
}

/**
 * Registers the hooks that write `<temp>/world.json` (the default world) and start the shared
 * stand-ins on it before the file's tests, and stop and remove them after.
 */
export function editableWorld(name: string): EditableWorld {
  let root = "";
  let shared: SharedStandIns | undefined;
  const base = JSON.parse(readFileSync(join(ROOT, "test-support", "stand-in-provider", "world.json"), "utf8")) as World;
  const world: EditableWorld = {
    base,
    get file() {
      return join(root, "world.json");
    },
    get shared() {
      if (!shared) throw new Error("the stand-ins start in beforeAll");
      return shared;
    },
    set: (changes) => writeFileSync(world.file, JSON.stringify({ ...base, ...changes })),
  };
  beforeAll(async () => {
    requireTerraform();
    root = tempDir(name);
    world.set({});
    shared = await startSharedStandIns({ world: world.file });
  });
  afterAll(async () => {
    await shared?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });
  return world;
}
