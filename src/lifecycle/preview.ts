// The offline preview: every resource a spec would create, grouped by phase and capability step,
// with the values a reviewer looks for (names, sizes, ports) read from the synthesized JSON.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "../../providers/cdktf.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { buildStack, type StepRecord } from "../engine/build.js";
import type { Phase } from "../capabilities/shared/phases.js";
import { planSteps } from "../engine/plan.js";
import { renderStack } from "../engine/synth.js";
import type { EngineSettings } from "../settings/settings.js";
import { deployVariables, repositoryTargets, type StackJson } from "./create-plan.js";
import { factText, keyValues, securityValues } from "./resource-facts.js";

export interface PreviewResource {
  address: string;
  /** Key values, in a fixed order: names first, then sizes, ports and the rest. */
  values: Array<[string, string]>;
  /** Availability, protection and security facts (Multi-AZ, deletion protection, encryption, exposure). */
  security: Array<[string, string]>;
  /** The spec's `overrides:` patch of this resource: why, and the rules it may break (with why). */
  override?: { reason: string; allowPolicies?: Array<{ rule: string; reason: string }> };
}

export interface PreviewStep {
  phase: Phase;
  name: string;
  summary: string;
  resources: PreviewResource[];
  lookups: string[];
}

export interface Preview {
  service: string;
  steps: PreviewStep[];
  variables: ReturnType<typeof deployVariables>;
  outputs: string[];
  /** First-phase addresses of `platform create` (empty: one phase). */
  repositories: string[];
}

/** The `overrides:` record the engine leaves in a resource's `//` block (src/engine/overrides.ts). */
function overrideOf(body: Record<string, unknown>): PreviewResource["override"] {
  const record = (body["//"] as { platformOverride?: { reason?: unknown; allowPolicies?: Array<{ rule: string; reason: string }> } } | undefined)?.platformOverride;
  if (!record || typeof record.reason !== "string") return undefined;
  return { reason: record.reason, ...(record.allowPolicies ? { allowPolicies: record.allowPolicies } : {}) };
}

export function previewFromSteps(config: PlatformConfig, steps: readonly StepRecord[], json: StackJson): Preview {
  const summaries = new Map(planSteps(config).map((step) => [step.name, step.summary]));
  return {
    service: config.serviceName,
    steps: steps.map((step) => ({
      phase: step.phase,
      name: step.name,
      summary: summaries.get(step.name) ?? "",
      resources: step.resources.map((resource) => {
        const type = resource.terraformResourceType;
        const id = resource.friendlyUniqueId;
        const body = json.resource?.[type]?.[id] ?? {};
        const override = overrideOf(body);
        return { address: `${type}.${id}`, values: keyValues(type, body), security: securityValues(type, body), ...(override ? { override } : {}) };
      }),
      lookups: step.dataSources.map((source) => `data.${source.terraformResourceType}.${source.friendlyUniqueId}`),
    })),
    variables: deployVariables(json),
    outputs: Object.values(json.output ?? {})
      .map((output) => /^([^:\s]+): /.exec(output.description ?? "")?.[1])
      .filter((key): key is string => key !== undefined)
      .sort(),
    repositories: repositoryTargets(json),
  };
}

/** Builds the stack in memory (nothing written, nothing contacted) and previews it. */
export async function previewSpec(config: PlatformConfig, settings: EngineSettings): Promise<Preview> {
  const outdir = await mkdtemp(join(tmpdir(), "platform-preview-"));
  try {
    const app = new App({ outdir, stackTraces: false });
    const { stack, steps } = await buildStack(app, config, settings);
    // The same rendering `platform synth` writes, so the preview shows exactly what would be applied.
    const json = JSON.parse(renderStack(stack)) as StackJson;
    return previewFromSteps(config, steps, json);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

export function renderPreview(preview: Preview): string[] {
  const resources = preview.steps.reduce((sum, step) => sum + step.resources.length, 0);
  const lookups = preview.steps.reduce((sum, step) => sum + step.lookups.length, 0);
  const lines = [`${preview.service}: ${resources} resources, ${lookups} lookups (offline preview: nothing was contacted)`];
  let phase: Phase | undefined;
  for (const step of preview.steps) {
    if (step.phase !== phase) {
      phase = step.phase;
      lines.push("", `${phase.toUpperCase()}`);
    }
    lines.push(`  ${step.name}${step.summary ? `: ${step.summary}` : ""}`);
    if (step.resources.length === 0 && step.lookups.length === 0) lines.push("    (nothing to create)");
    const width = Math.max(0, ...step.resources.map((resource) => resource.address.length)) + 2;
    for (const resource of step.resources) {
      lines.push(`    + ${resource.address.padEnd(width)}${factText(resource.values)}`.trimEnd());
      if (resource.override) {
        lines.push(`        override: ${resource.override.reason}`);
        for (const allowed of resource.override.allowPolicies ?? []) lines.push(`        allows ${allowed.rule}: ${allowed.reason}`);
      }
      if (resource.security.length > 0) lines.push(`      ${"security:".padEnd(width)}${factText(resource.security)}`);
    }
    for (const lookup of step.lookups) lines.push(`    ? ${lookup}`);
  }
  if (preview.variables.length > 0) {
    lines.push("", "variables (deploy inputs):");
    for (const variable of preview.variables) lines.push(`  ${variable.name}${variable.required ? "" : " (optional)"}: ${variable.description}`);
  }
  if (preview.outputs.length > 0) lines.push("", `outputs: ${preview.outputs.join(", ")}`);
  if (preview.repositories.length > 0) {
    lines.push(
      "",
      `platform create runs in two phases: first ${preview.repositories.join(", ")}; then, once images are pushed and their tags given (--var), everything else`,
    );
  }
  return lines;
}
