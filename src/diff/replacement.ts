// Which changes make Terraform destroy and recreate a resource, for every resource type the engine
// emits, and which of those types hold data. Provider schemas (and so cdktf bindings) do not say
// which attributes are "ForceNew", so the table is read from the providers' documentation ("Forces
// new resource") and source (`ForceNew: true`, `RequiresReplace`): src/diff/force-new.json, one
// entry per type with its sources and notes. That one table serves `platform diff` and the
// summary of `preview --plan`. Replacements that happen only in some cases (a version downgrade,
// a count that shrinks) are kept below, per stateful type, with the condition.
import FORCE_NEW_TABLE from "./force-new.json" with { type: "json" };

export interface ForceNewAttribute {
  /** Attribute path without list indexes; a change at or below it counts (`encryption_configuration` covers `encryption_configuration.kms_key`). */
  path: string;
  /** Set when the provider replaces only in some cases; such changes are reported as "may replace". */
  when?: string;
}

/** One type's entry in the force-new table. */
export interface ForceNewEntry {
  /** Attribute paths (`block.attribute` for nested ones) whose change forces replacement. */
  forceNew: readonly string[];
  /** Where the list was read: provider documentation pages and source files. */
  sources: readonly string[];
  notes?: string;
}

/** Terraform's own resources, which no provider documents. */
const BUILT_IN: Readonly<Record<string, ForceNewEntry>> = {
  terraform_data: {
    forceNew: ["triggers_replace"],
    sources: ["https://developer.hashicorp.com/terraform/language/resources/terraform-data"],
    notes: "A change of triggers_replace replaces the resource; input changes in place.",
  },
};

export const FORCE_NEW: Readonly<Record<string, ForceNewEntry>> = { ...(FORCE_NEW_TABLE as Record<string, ForceNewEntry>), ...BUILT_IN };

export interface StatefulType {
  /** What the resource is, in a reviewer's words. */
  kind: string;
  /** What is lost when it is destroyed. */
  loses: string;
  /** Replacements that happen only in some cases (everything certain is in FORCE_NEW). */
  mayReplace: readonly ForceNewAttribute[];
  /** Where the conditions were read. */
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
    // `identifier` is not force-new: since provider 5.0 (hashicorp/terraform-provider-aws#31232) a
    // changed identifier renames the instance in place (with a reboot and a new endpoint).
    mayReplace: [],
    sources: [`${DOCS}/db_instance.html.markdown`, `${SOURCE}/rds/instance.go`],
  },
  aws_elasticache_replication_group: {
    kind: "cache",
    loses: "its cached data and sessions",
    mayReplace: [
      { path: "engine", when: "the engine is downgraded (valkey to redis)" }, // CustomizeDiff customizeDiffEngineForceNewOnDowngrade
      { path: "engine_version", when: "the version is lowered" }, // CustomizeDiff customizeDiffEngineVersionForceNewOnDowngrade
      { path: "node_group_configuration", when: "the shard layout changes" }, // CustomizeDiff ForceNewIf
      { path: "transit_encryption_enabled", when: "engine_version is below 7.0.5" }, // docs: "will force a replacement"
    ],
    sources: [`${DOCS}/elasticache_replication_group.html.markdown`, `${SOURCE}/elasticache/replication_group.go`],
  },
  aws_efs_file_system: {
    kind: "file system",
    loses: "every file on it",
    mayReplace: [],
    sources: [`${DOCS}/efs_file_system.html.markdown`, `${SOURCE}/efs/file_system.go`],
  },
  aws_ecr_repository: {
    kind: "container image repository",
    loses: "every pushed image (deleting a repository that holds images fails unless force_delete is set)",
    mayReplace: [],
    sources: [`${DOCS}/ecr_repository.html.markdown`, `${SOURCE}/ecr/repository.go`],
  },
};

export function statefulType(type: string): StatefulType | undefined {
  return STATEFUL_TYPES[type];
}

const covers = (entry: string, schemaPath: string) => schemaPath === entry || schemaPath.startsWith(`${entry}.`) || schemaPath.startsWith(`${entry}[`);

/**
 * The table entry a changed attribute path of a resource falls under, if any: a certain
 * replacement (no `when`) before a conditional one.
 */
export function forceNewEntry(type: string, schemaPath: string): ForceNewAttribute | undefined {
  const certain = FORCE_NEW[type]?.forceNew.find((path) => covers(path, schemaPath));
  if (certain !== undefined) return { path: certain };
  return [...(STATEFUL_TYPES[type]?.mayReplace ?? []), ...INSTANCE_KEYS].find((entry) => covers(entry.path, schemaPath));
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
