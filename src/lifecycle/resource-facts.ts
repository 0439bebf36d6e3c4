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
