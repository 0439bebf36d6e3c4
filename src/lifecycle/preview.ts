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

/** Top-level attributes worth showing, in display order. */
const KEY_ATTRIBUTES = [
  "name",
  "name_prefix",
  "family",
  "identifier",
  "identifier_prefix",
  "function_name",
  "replication_group_id",
  "creation_token",
  "repository",
  "engine",
  "engine_version",
  "instance_class",
  "allocated_storage",
  "max_allocated_storage",
  "node_type",
  "performance_mode",
  "throughput_mode",
  "num_cache_clusters",
  "cpu",
  "memory",
  "memory_size",
  "timeout",
  "desired_count",
  "port",
  "protocol",
  "target_type",
  "ip_protocol",
  "from_port",
  "to_port",
  "retention_in_days",
  "image_tag_mutability",
  "priority",
  "schedule_expression",
  "type",
  "proxied",
  "domain",
  "invoke_mode",
  "authorization_type",
] as const;

/** Top-level attributes a reviewer checks for availability, data protection and exposure, in display order. */
const SECURITY_ATTRIBUTES = [
  "multi_az",
  "multi_az_enabled",
  "automatic_failover_enabled",
  "deletion_protection",
  "skip_final_snapshot",
  "backup_retention_period",
  "snapshot_retention_limit",
  "encrypted",
  "storage_encrypted",
  "at_rest_encryption_enabled",
  "transit_encryption_enabled",
  "transit_encryption_mode",
  "manage_master_user_password",
  "iam_database_authentication_enabled",
  "publicly_accessible",
] as const;

const MAX_VALUE = 72;

function show(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "object") return undefined;
  const text = String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 3)}...` : text;
}

/** Values inside nested blocks that matter for review (container port, host rule, health check). */
function nestedValues(type: string, body: Record<string, unknown>): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  const add = (key: string, value: unknown) => {
    const text = show(value);
    if (text !== undefined) values.push([key, text]);
  };
  if (type === "aws_ecs_task_definition" && typeof body.container_definitions === "string") {
    try {
      const [container] = JSON.parse(body.container_definitions) as Array<{ image?: string; portMappings?: Array<{ containerPort?: number }> }>;
      add("image", container?.image);
      add("container_port", container?.portMappings?.[0]?.containerPort);
    } catch {
      // Not JSON at synth time (a token): nothing to show.
    }
  }
  if (type === "aws_lb_listener_rule") {
    const conditions = (Array.isArray(body.condition) ? body.condition : [body.condition]) as Array<{ host_header?: { values?: string[] } } | undefined>;
    add("host", conditions.flatMap((condition) => condition?.host_header?.values ?? []).join(","));
  }
  if (type === "aws_lb_target_group") add("health_check", (body.health_check as { path?: string } | undefined)?.path);
  if (type === "aws_efs_access_point") add("path", (body.root_directory as { path?: string } | undefined)?.path);
  return values;
}

export function keyValues(type: string, body: Record<string, unknown>): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  for (const key of KEY_ATTRIBUTES) {
    const text = show(body[key]);
    if (text !== undefined && text !== "") values.push([key, text]);
  }
  // Repeated per item of a list known only at plan time (subnets, Availability Zones, ALB groups).
  const repeated: Array<[string, string]> = body.for_each !== undefined ? [["count", "one per plan-time item"]] : [];
  return [...values, ...nestedValues(type, body), ...repeated];
}

/** The security facts of a resource: top-level attributes and the nested blocks that hold some. */
export function securityValues(type: string, body: Record<string, unknown>): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  const add = (key: string, value: unknown) => {
    const text = show(value);
    if (text !== undefined && text !== "") values.push([key, text]);
  };
  for (const key of SECURITY_ATTRIBUTES) add(key, body[key]);
  const block = (name: string) => {
    const value = body[name];
    return (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
  };
  if (type === "aws_ecr_repository") add("scan_on_push", block("image_scanning_configuration")?.scan_on_push);
  if (type === "aws_ecs_service") add("assign_public_ip", block("network_configuration")?.assign_public_ip);
  if (type === "aws_lambda_function") add("tracing", block("tracing_config")?.mode);
  if (type === "aws_ecs_task_definition" && Array.isArray(body.volume)) {
    for (const volume of body.volume as Array<Record<string, unknown>>) {
      const efs = (Array.isArray(volume.efs_volume_configuration) ? volume.efs_volume_configuration[0] : volume.efs_volume_configuration) as Record<string, unknown> | undefined;
      if (efs) add(`volume ${String(volume.name)} transit_encryption`, efs.transit_encryption);
    }
  }
  return values;
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
      lines.push(`    + ${resource.address.padEnd(width)}${resource.values.map(([key, value]) => `${key}=${value}`).join("  ")}`.trimEnd());
      if (resource.override) {
        lines.push(`        override: ${resource.override.reason}`);
        for (const allowed of resource.override.allowPolicies ?? []) lines.push(`        allows ${allowed.rule}: ${allowed.reason}`);
      }
      if (resource.security.length > 0) lines.push(`      ${"security:".padEnd(width)}${resource.security.map(([key, value]) => `${key}=${value}`).join("  ")}`);
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
