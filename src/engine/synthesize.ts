// The one all-or-nothing synthesis. `platform synth` (synthesizeFiles), the lifecycle commands and the
// tests (synthesizeToDirectory) all go through synthesize(): stacks are staged in a fresh folder
// inside the output folder, and only when every stack passed are they published into <out>/stacks/;
// a failure leaves the previous output exactly as it was (and no empty output folder behind).
// Publishing is atomic for readers and serialized per output folder (src/engine/publish.ts).
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { PlatformConfig } from "../config/platform-config.js";
import { PolicyViolationError, type Finding } from "../policy/finding.js";
import type { EngineSettings } from "../settings/settings.js";
import type { SettingsSources } from "../settings/sources.js";
import { processFiles, type FileOutcome } from "./batch.js";
import { STACK_FILE } from "./layout.js";
import { publishStacks, withLockedOutDir, type LockOptions } from "./publish.js";
import type { StackSummary } from "./synth.js";

/** What a staging run produced: the stacks to publish (none when anything failed), and its own result. */
export interface Staged<T> {
  /** Every stack, staged; undefined when a spec or a policy refused one (nothing is published). */
  stacks: readonly StackSummary[] | undefined;
  result: T;
}

/**
 * Runs `stage` against a fresh staging folder inside `outDir`, publishes what it staged when it
 * staged every stack, and removes the staging folder whatever happens. All of it holds the output
 * folder's lock, after recovering whatever an interrupted command left there (src/engine/publish.ts).
 */
export async function synthesize<T>(
  outDir: string,
  stage: (staging: string) => Promise<Staged<T>>,
  lock: LockOptions = {},
): Promise<{ result: T; written: StackSummary[] | undefined }> {
  const outDirExisted = existsSync(outDir);
  let written: StackSummary[] | undefined;
  try {
    return await withLockedOutDir(outDir, lock, async () => {
      const staging = await createStaging(outDir);
      try {
        const { stacks, result } = await stage(staging);
        if (stacks) written = await publishStaged(staging, outDir, stacks);
        return { result, written };
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    });
  } finally {
    // A failed first synthesis leaves no empty output folder behind (checked once the lock is gone).
    if (!written && !outDirExisted && existsSync(outDir) && readdirSync(outDir).length === 0) rmSync(outDir, { recursive: true });
  }
}

/** A fresh staging folder inside `outDir` (same file system, so publishing is a rename). */
export async function createStaging(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return mkdtemp(join(outDir, ".platform-tmp-"));
}

/**
 * The publish step: moves staged stacks into `<outDir>/stacks/`, replacing earlier output of the
 * same stacks only, atomically for readers (src/engine/publish.ts). The caller holds the lock.
 */
export async function publishStaged(staging: string, outDir: string, staged: readonly StackSummary[]): Promise<StackSummary[]> {
  const folders = publishStacks(outDir, staging, staged.map((summary) => summary.name));
  return staged.map((summary, index) => ({ ...summary, file: join(folders[index]!, STACK_FILE) }));
}

/**
 * `platform synth`: checks, builds and policy-checks every file (over worker threads when there are
 * many) and writes all stacks or none. `written` is undefined when a spec or a policy refused a stack.
 */
export async function synthesizeFiles(
  files: readonly string[],
  settings: SettingsSources,
  outDir: string,
  onOutcome?: (outcome: FileOutcome) => void,
  lock: LockOptions = {},
  environment?: string,
): Promise<{ outcomes: FileOutcome[]; written: StackSummary[] | undefined }> {
  const { result, written } = await synthesize(
    outDir,
    async (staging) => {
      const outcomes = await processFiles(files, { mode: "synth", policy: true, settings, staging, ...(environment === undefined ? {} : { environment }) }, onOutcome);
      const complete = outcomes.every((outcome) => outcome.service && outcome.stacks);
      return { stacks: complete ? outcomes.flatMap((outcome) => outcome.stacks!) : undefined, result: outcomes };
    },
    lock,
  );
  return { outcomes: result, written };
}

export interface SynthOptions {
  /** Called after each stack is synthesized (into staging), e.g. to show progress. */
  onStack?: (summary: StackSummary, index: number, total: number) => void;
  /** Told when another command holds the output folder and this one waits for it. */
  onWait?: (message: string) => void;
}

/**
 * Checked configs to stacks (the lifecycle commands and the tests), with one settings for all or
 * each config's own (a function of it): throws PolicyViolationError, with
 * every violation of every stack, when a policy refuses one; nothing is written then.
 */
export async function synthesizeToDirectory(
  configs: readonly PlatformConfig[],
  settings: EngineSettings | ((config: PlatformConfig) => EngineSettings),
  outDir: string,
  options: SynthOptions = {},
): Promise<StackSummary[]> {
  const { checkAndSynthesize } = await import("./synth.js");
  const { written } = await synthesize(outDir, async (staging) => {
    const staged: StackSummary[] = [];
    const violations: Finding[] = [];
    for (const [index, config] of configs.entries()) {
      // After a policy failure nothing more is written, but every stack is still checked, so one
      // run reports every violation.
      const stackSettings = typeof settings === "function" ? settings(config) : settings;
      const { summary, passed } = await checkAndSynthesize(config, stackSettings, staging, violations.length === 0);
      if (!passed) violations.push(...summary.findings);
      if (violations.length > 0) continue;
      staged.push(summary);
      options.onStack?.(summary, index, configs.length);
    }
    if (violations.length > 0) throw new PolicyViolationError(violations);
    return { stacks: staged, result: undefined };
  }, { onWait: options.onWait });
  return written!;
}
