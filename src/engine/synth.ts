// Writes each service's stack to <out>/stacks/<name>/cdk.tf.json. Every stack is checked against the
// built-in policies before it is rendered, into a staging folder; only when every stack passed and
// was written are they moved into place, so a failure leaves the previous output exactly as it was.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { App, invokeAspects, releaseTokens, stableStringify, type TerraformStack } from "../../providers/cdktf.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { stackFiles } from "../modules/stack-files.js";
import { checkStackPolicies, policyErrors, PolicyViolationError, type Finding } from "../policy/index.js";
import type { EngineSettings } from "../settings/settings.js";
import { buildStack, type StepRecord } from "./build.js";

export const STACK_FILE = "cdk.tf.json";

export interface StackSummary {
  name: string;
  /** Path of the written Terraform JSON. */
  file: string;
  steps: Array<{ name: string; phase: StepRecord["phase"]; resources: number; dataSources: number }>;
  resources: number;
  /** Policy findings of the stack; all warnings (declared exceptions), since errors stop the synth. */
  findings: Finding[];
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
  return stableStringify(renderStackObject(stack), { space: 2 });
}

/** The stack's Terraform JSON as an object (see renderStack). */
function renderStackObject(stack: TerraformStack): Record<string, unknown> {
  invokeAspects(stack);
  stack.runAllValidations();
  return stack.toTerraform() as Record<string, unknown>;
}

/**
 * Builds one spec's stack (a cdktf App per stack, so memory is released stack by stack) and checks
 * its policies; writes it into `outdir` only when `write` is set and no policy error was found.
 */
async function checkAndSynthesize(config: PlatformConfig, settings: EngineSettings, outdir: string, write: boolean): Promise<{ summary: StackSummary; passed: boolean }> {
  const app = new App({ outdir, stackTraces: false });
  const { stack, steps } = await buildStack(app, config, settings);
  // Rendered once: the policy checks read the resolved JSON that is then written.
  const terraform = renderStackObject(stack);
  const findings = checkStackPolicies(stack, terraform);
  const passed = policyErrors(findings).length === 0;
  const folder = join(outdir, "stacks", config.serviceName);
  if (passed && write) {
    // Synchronous, like reading the spec: stacks are written one after another, and the thread
    // has nothing else to do meanwhile.
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, STACK_FILE), stableStringify(terraform, { space: 2 }));
    // Files the Terraform refers to by `${path.module}/<name>` (the webhook gateway's zip).
    for (const [name, bytes] of stackFiles(stack)) writeFileSync(join(folder, name), bytes);
  }
  // The stack is done with: let the next one start from an empty token map (memory stays flat).
  releaseTokens();
  const summary: StackSummary = {
    name: config.serviceName,
    file: join(folder, STACK_FILE),
    steps: steps.map((step) => ({ name: step.name, phase: step.phase, resources: step.resources.length, dataSources: step.dataSources.length })),
    resources: steps.reduce((sum, step) => sum + step.resources.length, 0),
    findings,
  };
  return { summary, passed };
}

/** Builds, checks and writes one stack into a staging folder (see publishStaged); refused stacks are not written. */
export function stageStack(config: PlatformConfig, settings: EngineSettings, staging: string): Promise<{ summary: StackSummary; passed: boolean }> {
  return checkAndSynthesize(config, settings, staging, true);
}

/** A fresh staging folder inside `outDir` (same file system, so publishing is a rename). */
export async function createStaging(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return mkdtemp(join(outDir, ".platform-tmp-"));
}

/** Moves staged stacks into `<outDir>/stacks/`, replacing earlier output of the same stacks only. */
export async function publishStaged(staging: string, outDir: string, staged: readonly StackSummary[]): Promise<StackSummary[]> {
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
}

export async function synthesizeToDirectory(
  configs: readonly PlatformConfig[],
  settings: EngineSettings,
  outDir: string,
  options: SynthOptions = {},
): Promise<StackSummary[]> {
  const staging = await createStaging(outDir);
  try {
    const staged: StackSummary[] = [];
    const violations: Finding[] = [];
    for (const [index, config] of configs.entries()) {
      // After a policy failure nothing more is written, but every stack is still checked, so one
      // run reports every violation.
      const { summary, passed } = await checkAndSynthesize(config, settings, staging, violations.length === 0);
      if (!passed) violations.push(...summary.findings);
      if (violations.length > 0) continue;
      staged.push(summary);
      options.onStack?.(summary, index, configs.length);
    }
    if (violations.length > 0) throw new PolicyViolationError(violations);
    return await publishStaged(staging, outDir, staged);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
