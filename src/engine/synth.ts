// Renders one service's stack: built, checked against the built-in policies, and (when it passed)
// written into a staging folder as <staging>/stacks/<name>/cdk.tf.json with its outputs.json. The
// all-or-nothing orchestration around it (staging, publishing) is src/engine/synthesize.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App, invokeAspects, releaseTokens, stableStringify, type TerraformStack } from "../../providers/cdktf.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { stackFiles } from "../modules/stack-files.js";
import { checkStackPolicies, policyErrors, type Finding } from "../policy/index.js";
import type { EngineSettings } from "../settings/settings.js";
import { buildStack, type StepRecord } from "./build.js";
import { locateFindings } from "./finding-positions.js";
import { OUTPUTS_FILE, STACK_FILE, type OutputManifestEntry } from "./layout.js";
import { POLICY_RULE_INDEX } from "./policy-rules.js";

export interface StackSummary {
  name: string;
  /** Path of the written Terraform JSON. */
  file: string;
  steps: Array<{ name: string; phase: StepRecord["phase"]; resources: number; dataSources: number }>;
  resources: number;
  /** Policy findings of the stack; all warnings (declared exceptions), since errors stop the synth. */
  findings: Finding[];
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
export async function checkAndSynthesize(config: PlatformConfig, settings: EngineSettings, outdir: string, write: boolean): Promise<{ summary: StackSummary; passed: boolean }> {
  const app = new App({ outdir, stackTraces: false });
  const { stack, steps, context } = await buildStack(app, config, settings);
  // Rendered once: the policy checks read the resolved JSON that is then written.
  const terraform = renderStackObject(stack);
  const findings = locateFindings(checkStackPolicies(stack, POLICY_RULE_INDEX, terraform), steps, config);
  const passed = policyErrors(findings).length === 0;
  const folder = join(outdir, "stacks", config.serviceName);
  if (passed && write) {
    // Synchronous, like reading the spec: stacks are written one after another, and the thread
    // has nothing else to do meanwhile.
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, STACK_FILE), stableStringify(terraform, { space: 2 }));
    // Files the Terraform refers to by `${path.module}/<name>` (the webhook gateway's zip).
    for (const [name, bytes] of stackFiles(stack)) writeFileSync(join(folder, name), bytes);
    const manifest: OutputManifestEntry[] = context.outputs.all().map((output) => ({ key: output.key, terraformName: output.name, description: output.description }));
    writeFileSync(join(folder, OUTPUTS_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
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

/** Builds, checks and writes one stack into a staging folder (see synthesize.ts); refused stacks are not written. */
export function stageStack(config: PlatformConfig, settings: EngineSettings, staging: string): Promise<{ summary: StackSummary; passed: boolean }> {
  return checkAndSynthesize(config, settings, staging, true);
}
