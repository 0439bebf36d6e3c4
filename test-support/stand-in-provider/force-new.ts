// Which attribute changes make a resource be replaced: `Record<resource type, attribute paths>`.
// The stand-in plan takes this table as an input. This small built-in table covers the types the
// stand-in tests change; each entry was read in the provider documentation
// (hashicorp/terraform-provider-aws website/docs/r/<resource>.html.markdown, "Forces new resource";
// cloudflare/terraform-provider-cloudflare docs/resources/<resource>.md, "requires replacement").
// A fuller shared table can be given instead through STANDIN_FORCE_NEW (a JSON file of the same
// shape), see docs/testing.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type ForceNewTable = Readonly<Record<string, readonly (readonly string[])[]>>;

export const BUILT_IN_FORCE_NEW: ForceNewTable = {
  aws_cloudwatch_log_group: [["name"], ["name_prefix"]],
  aws_db_instance: [["engine"], ["db_name"], ["username"], ["storage_encrypted"], ["kms_key_id"], ["availability_zone"]],
  aws_db_parameter_group: [["name"], ["family"], ["description"]],
  aws_db_subnet_group: [["name"]],
  aws_ecr_repository: [["name"]],
  aws_ecs_cluster: [["name"]],
  aws_ecs_service: [["name"], ["cluster"], ["launch_type"]],
  // Task definitions are immutable revisions: the provider replaces them on any argument change.
  aws_ecs_task_definition: [["family"], ["container_definitions"], ["cpu"], ["memory"], ["network_mode"], ["requires_compatibilities"], ["execution_role_arn"], ["task_role_arn"], ["volume"]],
  aws_efs_file_system: [["creation_token"], ["encrypted"], ["kms_key_id"], ["performance_mode"]],
  aws_efs_mount_target: [["file_system_id"], ["subnet_id"]],
  aws_elasticache_replication_group: [["replication_group_id"], ["port"], ["at_rest_encryption_enabled"], ["kms_key_id"]],
  aws_elasticache_subnet_group: [["name"]],
  aws_iam_role: [["name"], ["path"]],
  aws_iam_role_policy: [["name"], ["role"]],
  aws_lambda_function: [["function_name"], ["package_type"]],
  aws_lambda_function_url: [["function_name"], ["qualifier"]],
  aws_lambda_permission: [["action"], ["function_name"], ["principal"], ["statement_id"], ["function_url_auth_type"], ["source_arn"]],
  aws_lb_target_group: [["name"], ["port"], ["protocol"], ["vpc_id"], ["target_type"]],
  aws_s3_bucket: [["bucket"], ["bucket_prefix"]],
  aws_security_group: [["name"], ["description"], ["vpc_id"]],
  aws_sqs_queue: [["name"], ["name_prefix"], ["fifo_queue"]],
  aws_service_discovery_private_dns_namespace: [["name"], ["vpc"]],
  aws_service_discovery_service: [["name"], ["namespace_id"]],
  cloudflare_dns_record: [["zone_id"]],
  cloudflare_zero_trust_access_application: [["account_id"], ["zone_id"]],
};

/**
 * The engine's shared force-new table (src/diff/force-new.json, the one `platform diff` and
 * `preview --plan` use), as attribute paths; types it lacks keep the built-in entry.
 */
export function sharedForceNew(root: string): ForceNewTable {
  const shared = JSON.parse(readFileSync(join(root, "src/diff/force-new.json"), "utf8")) as Record<string, { forceNew: string[] }>;
  const table: Record<string, readonly (readonly string[])[]> = { ...BUILT_IN_FORCE_NEW };
  for (const [type, { forceNew }] of Object.entries(shared)) table[type] = forceNew.map((path) => path.split("."));
  return table;
}

/** The table named by STANDIN_FORCE_NEW, else the engine's shared one. */
export function loadForceNew(root: string, env: NodeJS.ProcessEnv = process.env): ForceNewTable {
  const file = env.STANDIN_FORCE_NEW;
  return file ? (JSON.parse(readFileSync(file, "utf8")) as ForceNewTable) : sharedForceNew(root);
}
