// The resource types that hold data, and which of their attributes force Terraform to destroy and
// recreate them. Provider schemas (and so cdktf bindings) do not say which attributes are
// "ForceNew", so this small table is kept by hand from the hashicorp/aws provider (6.x): the
// resource docs (website/docs/r/<resource>.html.markdown, "Forces new resource" / "can't be
// changed" wording) and, where the docs are silent, the resource's schema in the provider source
// (`ForceNew: true`). Each entry cites where it was read. When a stateful capability starts using a
// new attribute, check it against those two sources and extend the table.

export interface ForceNewAttribute {
  /** Attribute path without list indexes; a change at or below it counts (`encryption_configuration` covers `encryption_configuration.kms_key`). */
  path: string;
  /** Set when the provider replaces only in some cases; such changes are reported as "may replace". */
  when?: string;
}

export interface StatefulType {
  /** What the resource is, in a reviewer's words. */
  kind: string;
  /** What is lost when it is destroyed. */
  loses: string;
  forceNew: readonly ForceNewAttribute[];
  /** Where the forceNew list was read. */
  sources: readonly string[];
}

const DOCS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r";
const SOURCE = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service";

/**
 * Meta-arguments that destroy instances for any resource: a count that shrinks, or a for_each key
 * that disappears.
 */
const INSTANCE_KEYS: readonly ForceNewAttribute[] = [
  { path: "count", when: "instances whose index is no longer produced are destroyed" },
  { path: "for_each", when: "instances whose key is no longer produced are destroyed" },
];

export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
  aws_db_instance: {
    kind: "database",
    loses: "its data (only a final snapshot survives, if one is taken)",
    // `identifier` is not listed: since provider 5.0 (hashicorp/terraform-provider-aws#31232) a
    // changed identifier renames the instance in place (with a reboot and a new endpoint).
    forceNew: [
      { path: "availability_zone" }, // schema ForceNew
      { path: "backup_target" }, // docs: "Forces new resource"
      { path: "character_set_name" }, // docs: "This can't be changed"; schema ForceNew
      { path: "custom_iam_instance_profile" }, // schema ForceNew
      { path: "db_name" }, // schema ForceNew
      { path: "engine" }, // schema ForceNew
      { path: "identifier_prefix" }, // schema ForceNew
      { path: "kms_key_id" }, // schema ForceNew
      { path: "nchar_character_set_name" }, // docs: "Forces new resource"
      { path: "restore_to_point_in_time" }, // docs: "Forces new resource"
      { path: "s3_import" }, // schema ForceNew (every nested argument)
      { path: "snapshot_identifier" }, // schema ForceNew
      { path: "storage_encrypted" }, // schema ForceNew
      { path: "timezone" }, // docs: "can only be set on creation"; schema ForceNew
      { path: "username" }, // schema ForceNew
      ...INSTANCE_KEYS,
    ],
    sources: [`${DOCS}/db_instance.html.markdown`, `${SOURCE}/rds/instance.go`],
  },
  aws_elasticache_replication_group: {
    kind: "cache",
    loses: "its cached data and sessions",
    forceNew: [
      { path: "at_rest_encryption_enabled" }, // schema ForceNew
      { path: "data_tiering_enabled" }, // schema ForceNew
      { path: "engine", when: "the engine is downgraded (valkey to redis)" }, // CustomizeDiff customizeDiffEngineForceNewOnDowngrade
      { path: "engine_version", when: "the version is lowered" }, // CustomizeDiff customizeDiffEngineVersionForceNewOnDowngrade
      { path: "global_replication_group_id" }, // schema ForceNew
      { path: "kms_key_id" }, // schema ForceNew
      { path: "network_type" }, // schema ForceNew
      { path: "node_group_configuration", when: "the shard layout changes" }, // CustomizeDiff ForceNewIf
      { path: "port" }, // schema ForceNew
      { path: "replication_group_id" }, // schema ForceNew
      { path: "security_group_names" }, // schema ForceNew
      { path: "snapshot_arns" }, // schema ForceNew
      { path: "snapshot_name" }, // docs: "Changing the snapshot_name forces a new resource"
      { path: "subnet_group_name" }, // schema ForceNew
      { path: "transit_encryption_enabled", when: "engine_version is below 7.0.5" }, // docs: "will force a replacement"
      ...INSTANCE_KEYS,
    ],
    sources: [`${DOCS}/elasticache_replication_group.html.markdown`, `${SOURCE}/elasticache/replication_group.go`],
  },
  aws_efs_file_system: {
    kind: "file system",
    loses: "every file on it",
    forceNew: [
      { path: "availability_zone_name" }, // schema ForceNew
      { path: "creation_token" }, // schema ForceNew
      { path: "encrypted" }, // schema ForceNew
      { path: "kms_key_id" }, // schema ForceNew
      { path: "performance_mode" }, // schema ForceNew
      ...INSTANCE_KEYS,
    ],
    sources: [`${DOCS}/efs_file_system.html.markdown`, `${SOURCE}/efs/file_system.go`],
  },
  aws_ecr_repository: {
    kind: "container image repository",
    loses: "every pushed image (deleting a repository that holds images fails unless force_delete is set)",
    forceNew: [
      { path: "name" }, // schema ForceNew
      { path: "encryption_configuration" }, // schema ForceNew (block, encryption_type and kms_key)
      ...INSTANCE_KEYS,
    ],
    sources: [`${DOCS}/ecr_repository.html.markdown`, `${SOURCE}/ecr/repository.go`],
  },
};

export function statefulType(type: string): StatefulType | undefined {
  return STATEFUL_TYPES[type];
}

/** The table entry a changed attribute path falls under, if any. */
export function forceNewEntry(type: string, schemaPath: string): ForceNewAttribute | undefined {
  return STATEFUL_TYPES[type]?.forceNew.find(
    (entry) => schemaPath === entry.path || schemaPath.startsWith(`${entry.path}.`) || schemaPath.startsWith(`${entry.path}[`),
  );
}

/**
 * Backend attributes that locate the state. Changing one points Terraform at another (usually
 * empty) state: the next apply tries to create every resource again while the old state still
 * tracks the live ones.
 */
export const STATE_LOCATION_PATHS: readonly string[] = [
  "s3.bucket",
  "s3.key",
  "s3.region",
  "s3.workspace_key_prefix",
  "s3.endpoints",
  "cloud.hostname",
  "cloud.organization",
  "cloud.workspaces",
];
