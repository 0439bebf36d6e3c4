// Writes each service's stack to <out>/stacks/<name>/cdk.tf.json. Everything is synthesized into a
// staging folder first; only when every stack succeeded are they moved into place, so a failure
// leaves the previous output exactly as it was.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { App, invokeAspects, stableStringify, type TerraformStack } from "../../providers/cdktf.js";
import type { PlatformConfig } from "../config/platform-config.js";
import type { EngineSettings } from "../settings/settings.js";
import { buildStack, type StepRecord } from "./build.js";

export const STACK_FILE = "cdk.tf.json";

export interface StackSummary {
  name: string;
  /** Path of the written Terraform JSON. */
  file: string;
  steps: Array<{ name: string; phase: StepRecord["phase"]; resources: number; dataSources: number }>;
  resources: number;
}

export interface SynthOptions {
  /** Called after each stack is synthesized (into staging), e.g. to show progress. */
  onStack?: (summary: StackSummary, index: number, total: number) => void;
}

/**
 * Renders a built stack as cdktf's synthesizer does (aspects, validations, then the JSON) minus
 * its preparation pass, which re-resolves every element to find cross-stack references: a
 * service's stack never refers to another stack.
 */
export function renderStack(stack: TerraformStack): string {
  invokeAspects(stack);
  stack.runAllValidations();
  return stableStringify(stack.toTerraform(), { space: 2 });
}

/** Synthesizes one spec into `outdir` (a cdktf App per stack, so memory is released stack by stack). */
export async function synthesizeStack(config: PlatformConfig, settings: EngineSettings, outdir: string): Promise<StackSummary> {
  const app = new App({ outdir, stackTraces: false });
  const { stack, steps } = await buildStack(app, config, settings);
  const folder = join(outdir, "stacks", config.serviceName);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, STACK_FILE), renderStack(stack));
  return {
    name: config.serviceName,
    file: join(folder, STACK_FILE),
    steps: steps.map((step) => ({ name: step.name, phase: step.phase, resources: step.resources.length, dataSources: step.dataSources.length })),
    resources: steps.reduce((sum, step) => sum + step.resources.length, 0),
  };
}

export async function synthesizeToDirectory(
  configs: readonly PlatformConfig[],
  settings: EngineSettings,
  outDir: string,
  options: SynthOptions = {},
): Promise<StackSummary[]> {
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(join(outDir, ".platform-tmp-"));
  try {
    const staged: StackSummary[] = [];
    for (const [index, config] of configs.entries()) {
      const summary = await synthesizeStack(config, settings, staging);
      staged.push(summary);
      options.onStack?.(summary, index, configs.length);
    }
    const stacksDir = join(outDir, "stacks");
    await mkdir(stacksDir, { recursive: true });
    const written: StackSummary[] = [];
    for (const summary of staged) {
      const target = join(stacksDir, summary.name);
      if (existsSync(target)) await rename(target, join(staging, `previous-${summary.name}`));
      await rename(join(staging, "stacks", summary.name), target);
      written.push({ ...summary, file: join(target, STACK_FILE) });
    }
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
