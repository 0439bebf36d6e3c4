// The values a reviewer looks for in one resource body of the synthesized JSON (names, sizes,
// ports; availability, protection and exposure), shared by `platform preview` and `platform diff`.
// Pure: no cdktf, no file access, so the diff (which must not load cdktf) can use it too.

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
  "launch_type",
  "min_capacity",
  "max_capacity",
  "reserved_concurrent_executions",
  "health_check_grace_period_seconds",
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
  "capacity_providers",
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

/**
 * The Cloudflare zone's name is a lookup (`${data.cloudflare_zone.<id>.name}`), repeated in every
 * host name; shown as `<zone>` so host lists fit and read as the names they are.
 */
const ZONE_REFERENCE = /\$\{data\.cloudflare_zone\.[A-Za-z0-9_-]+\.name\}/g;
export const ZONE = "<zone>";

/** Scalars as text, lists of scalars joined by commas; `max` cuts long text (0: never). */
function show(value: unknown, max = MAX_VALUE): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => item !== null && typeof item !== "object")) return show(value.join(","), max);
  if (typeof value === "object") return undefined;
  const text = String(value).replace(ZONE_REFERENCE, ZONE);
  return max > 0 && text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

type Body = Record<string, unknown>;

/** A nested block, written by cdktf as an object or as a list of one. */
function blockOf(body: Body | undefined, name: string): Body | undefined {
  const value = body?.[name];
  const block = Array.isArray(value) ? value[0] : value;
  return block !== null && typeof block === "object" && !Array.isArray(block) ? (block as Body) : undefined;
}

const asList = (value: unknown): Body[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter((item): item is Body => item !== null && typeof item === "object");

/** `FARGATE (base 2), FARGATE_SPOT (weight 1)`: where the service's tasks run. */
function capacityStrategy(value: unknown): string | undefined {
  const entries = asList(value).map((entry) => {
    const terms = [typeof entry.base === "number" && entry.base > 0 ? `base ${entry.base}` : "", typeof entry.weight === "number" && entry.weight > 0 ? `weight ${entry.weight}` : ""].filter(Boolean);
    return `${String(entry.capacity_provider)}${terms.length > 0 ? ` (${terms.join(", ")})` : ""}`;
  });
  return entries.length > 0 ? entries.join(", ") : undefined;
}

/** `/healthz (port 8080, every 15s, timeout 5s, healthy after 2, unhealthy after 3, codes 200-299)`. */
function healthCheck(check: Body | undefined): string | undefined {
  if (!check || typeof check.path !== "string") return undefined;
  const terms = [
    // The target group's port unless the check names its own (the container's, behind a proxy).
    typeof check.port === "string" && check.port !== "traffic-port" ? `port ${check.port}` : typeof check.port === "number" ? `port ${check.port}` : "",
    typeof check.interval === "number" ? `every ${check.interval}s` : "",
    typeof check.timeout === "number" ? `timeout ${check.timeout}s` : "",
    typeof check.healthy_threshold === "number" ? `healthy after ${check.healthy_threshold}` : "",
    typeof check.unhealthy_threshold === "number" ? `unhealthy after ${check.unhealthy_threshold}` : "",
    typeof check.matcher === "string" ? `codes ${check.matcher}` : "",
  ].filter(Boolean);
  return `${check.path}${terms.length > 0 ? ` (${terms.join(", ")})` : ""}`;
}

interface Container {
  name?: string;
  image?: string;
  command?: unknown[];
  portMappings?: Array<{ containerPort?: number }>;
  environment?: Array<{ name?: string }>;
  healthCheck?: { command?: unknown[] };
}

/** Values inside nested blocks that matter for review (container, host rule, health check, scaling). */
function nestedValues(type: string, body: Body): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  const add = (key: string, value: unknown, max = MAX_VALUE) => {
    const text = show(value, max);
    if (text !== undefined && text !== "") values.push([key, text]);
  };
  if (type === "aws_ecs_task_definition") {
    add("cpu_architecture", blockOf(body, "runtime_platform")?.cpu_architecture);
    if (typeof body.container_definitions === "string") {
      try {
        // The service's own container comes first; the others are sidecars (the Access proxy).
        const [container, ...sidecars] = JSON.parse(body.container_definitions) as Container[];
        // Whole: the repository's URL reference and the tag variable are both worth reading.
        add("image", container?.image, 0);
        add("container_port", container?.portMappings?.[0]?.containerPort);
        if (Array.isArray(container?.command)) add("command", JSON.stringify(container.command));
        // Every name: a new variable is what a reviewer looks for (the values are in the stack).
        add("environment", (container?.environment ?? []).map((variable) => variable.name).filter((name) => typeof name === "string"), 0);
        if (Array.isArray(container?.healthCheck?.command)) add("container_health_check", JSON.stringify(container.healthCheck.command));
        add("sidecars", sidecars.map((sidecar) => sidecar.name).filter((name) => typeof name === "string"));
      } catch {
        // Not JSON at synth time (a token): nothing to show.
      }
    }
  }
  if (type === "aws_ecs_service") add("capacity_provider_strategy", capacityStrategy(body.capacity_provider_strategy), 0);
  if (type === "aws_appautoscaling_policy") {
    const tracking = blockOf(body, "target_tracking_scaling_policy_configuration");
    add("metric", blockOf(tracking, "predefined_metric_specification")?.predefined_metric_type);
    add("target_value", tracking?.target_value);
    add("scale_in_cooldown", tracking?.scale_in_cooldown);
    add("scale_out_cooldown", tracking?.scale_out_cooldown);
  }
  if (type === "aws_lambda_function") add("architecture", body.architectures);
  if ((type === "aws_iam_role_policy" || type === "aws_iam_policy") && typeof body.policy === "string") {
    // Which services the policy allows actions of, and how many (the actions, resources and
    // conditions themselves are in the JSON, and in the diff's lines for a changed policy).
    const byService = new Map<string, number>();
    for (const action of allowedActions(body.policy)) byService.set(action.split(":")[0]!, (byService.get(action.split(":")[0]!) ?? 0) + 1);
    add("actions", [...byService].map(([service, count]) => `${service} (${count})`).join(", "), 0);
  }
  if (type === "aws_lb_listener_rule") {
    // At most five hosts per rule (an ALB limit): short enough to show whole.
    add("host", asList(body.condition).flatMap((condition) => (blockOf(condition, "host_header")?.values as string[] | undefined) ?? []), 0);
  }
  if (type === "aws_lb_target_group") add("health_check", healthCheck(blockOf(body, "health_check")), 0);
  if (type === "aws_efs_access_point") add("path", blockOf(body, "root_directory")?.path);
  return values;
}

/** The actions a policy document's Allow statements grant, in order, each once; none for a policy that is not JSON. */
function allowedActions(policy: string): string[] {
  try {
    const statements = asList((JSON.parse(policy) as Body).Statement);
    const actions = statements.filter((statement) => statement.Effect !== "Deny").flatMap((statement) => (Array.isArray(statement.Action) ? statement.Action : [statement.Action]));
    return [...new Set(actions.filter((action): action is string => typeof action === "string"))];
  } catch {
    return [];
  }
}

/** Attributes Terraform sets only at creation: `lifecycle.ignore_changes` lists them (or is `"all"`). */
export function ignoredChanges(body: Body): string[] {
  const ignored = blockOf(body, "lifecycle")?.ignore_changes;
  if (ignored === "all") return ["all"];
  return Array.isArray(ignored) ? ignored.filter((name): name is string => typeof name === "string") : [];
}

/** Facts as one line: `key=value`, two spaces apart (preview's resource lines, diff's headers). */
export const factText = (facts: ReadonlyArray<[string, string]>) => facts.map(([key, value]) => `${key}=${value}`).join("  ");

/** Whether `ignore_changes` (as ignoredChanges reads it) covers a top-level attribute. */
/** The top-level attribute of an attribute path: `container_definitions[name="app"].command`, `network_configuration[0].subnets` -> the part before the first `.` or `[`. */
export const topAttribute = (path: string) => /^[^.[]*/.exec(path)![0];
export const ignores = (ignored: readonly string[], attribute: string) => ignored.includes("all") || ignored.includes(attribute);

export function keyValues(type: string, body: Body): Array<[string, string]> {
  const values: Array<[string, string]> = [];
  const ignored = ignoredChanges(body);
  for (const key of KEY_ATTRIBUTES) {
    const text = show(body[key]);
    // An ignored count is the first one only: afterwards the autoscaler sets it.
    if (text !== undefined && text !== "") values.push([key, ignores(ignored, key) ? `${text} (at creation only: lifecycle.ignore_changes)` : text]);
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
  const block = (name: string) => blockOf(body, name);
  if (type === "aws_ecr_repository") add("scan_on_push", block("image_scanning_configuration")?.scan_on_push);
  if (type === "aws_ecs_service") {
    add("assign_public_ip", block("network_configuration")?.assign_public_ip);
    add("enable_execute_command", body.enable_execute_command);
  }
  if (type === "aws_ecs_cluster") add("execute_command_logging", blockOf(block("configuration"), "execute_command_configuration")?.logging);
  if (type === "aws_lambda_function") add("tracing", block("tracing_config")?.mode);
  if (type === "aws_ecs_task_definition" && Array.isArray(body.volume)) {
    for (const volume of body.volume as Array<Record<string, unknown>>) {
      const efs = (Array.isArray(volume.efs_volume_configuration) ? volume.efs_volume_configuration[0] : volume.efs_volume_configuration) as Record<string, unknown> | undefined;
      if (efs) add(`volume ${String(volume.name)} transit_encryption`, efs.transit_encryption);
    }
  }
  return values;
}
