// Encryption at rest and in transit wherever the service offers it: EFS, ECS EFS volumes, Redis, RDS.
import { asBlocks } from "../element.js";
import type { PolicyRule } from "../rule.js";
import { violation } from "../wording.js";

export const ENCRYPTION_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-ENC-001",
    title: "EFS file systems are encrypted at rest.",
    severity: "error",
    appliesTo: ["aws_efs_file_system"],
    equivalents: { checkov: ["CKV_AWS_42"], trivy: ["AVD-AWS-0037"] },
    exceptable: true,
    check: (fs) => (fs.bool("encrypted") === true ? [] : [violation("the file system is not encrypted at rest", "encrypted", fs.bool("encrypted"), "true")]),
  },
  {
    id: "PLT-ENC-002",
    title: "ECS task definitions mount EFS volumes with encryption in transit.",
    severity: "error",
    appliesTo: ["aws_ecs_task_definition"],
    equivalents: { checkov: ["CKV_AWS_97"], trivy: ["AVD-AWS-0035"] },
    exceptable: false,
    check: (task) =>
      task
        .blocks("volume")
        .flatMap((volume) => {
          const efs = asBlocks(volume.efs_volume_configuration)[0];
          if (!efs) return [];
          return efs.transit_encryption === "ENABLED"
            ? []
            : [violation(`volume "${String(volume.name)}" mounts EFS without encryption in transit`, "efs_volume_configuration.transit_encryption", efs.transit_encryption, '"ENABLED"')];
        }),
  },
  {
    id: "PLT-ENC-003",
    title: "ElastiCache replication groups are encrypted at rest.",
    severity: "error",
    appliesTo: ["aws_elasticache_replication_group"],
    equivalents: { checkov: ["CKV_AWS_29"], trivy: ["AVD-AWS-0045"] },
    exceptable: true,
    check: (group) =>
      group.bool("at_rest_encryption_enabled") === true
        ? []
        : [violation("the replication group is not encrypted at rest", "at_rest_encryption_enabled", group.bool("at_rest_encryption_enabled"), "true")],
  },
  {
    id: "PLT-ENC-004",
    title: "ElastiCache replication groups require TLS (transit encryption on, mode `required`).",
    severity: "error",
    appliesTo: ["aws_elasticache_replication_group"],
    equivalents: { checkov: ["CKV_AWS_30"], trivy: ["AVD-AWS-0051"] },
    exceptable: true,
    check: (group) => {
      if (group.bool("transit_encryption_enabled") !== true) {
        return [violation("the replication group accepts unencrypted connections", "transit_encryption_enabled", group.bool("transit_encryption_enabled"), "true")];
      }
      const mode = group.string("transit_encryption_mode");
      // Unset means `required` for a group created with transit encryption on.
      return mode === undefined || mode === "required" ? [] : [violation("clients may still connect without TLS", "transit_encryption_mode", mode, '"required"')];
    },
  },
  {
    id: "PLT-ENC-005",
    title: "RDS instances encrypt their storage.",
    severity: "error",
    appliesTo: ["aws_db_instance"],
    equivalents: { checkov: ["CKV_AWS_16"], trivy: ["AVD-AWS-0080"] },
    exceptable: false,
    check: (db) => (db.bool("storage_encrypted") === true ? [] : [violation("the instance's storage is not encrypted", "storage_encrypted", db.bool("storage_encrypted"), "true")]),
  },
  {
    id: "PLT-ENC-006",
    title: "PostgreSQL on RDS refuses connections without TLS (a parameter group with rds.force_ssl = 1).",
    severity: "error",
    appliesTo: ["aws_db_instance", "aws_db_parameter_group"],
    equivalents: { checkov: ["CKV2_AWS_69"], trivy: [] },
    exceptable: false,
    check: (element) => {
      if (element.type === "aws_db_instance") {
        const engine = element.string("engine") ?? "";
        if (!engine.startsWith("postgres")) return [];
        // The default parameter group cannot be changed, so it cannot force TLS.
        return element.string("parameter_group_name") ? [] : ["the instance uses the default parameter group, which does not force TLS; give it one with rds.force_ssl = 1"];
      }
      const family = element.string("family") ?? "";
      if (!family.startsWith("postgres")) return [];
      const forceSsl = element.blocks("parameter").find((parameter) => parameter.name === "rds.force_ssl");
      return forceSsl && String(forceSsl.value) === "1" ? [] : [violation("the parameter group does not force TLS", "parameter rds.force_ssl", forceSsl?.value, "1")];
    },
  },
];
