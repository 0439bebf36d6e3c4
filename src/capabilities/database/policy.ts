// Policy rules of the database unit's resources. RDS instances: an RDS-managed password, private,
// protected from deletion, recoverable (final snapshot, automated backups), IAM authentication,
// Performance Insights and log exports; encrypted storage and TLS-only connections.
import type { PolicyRule } from "../../policy/rule.js";
import { isExpression } from "../../policy/values.js";
import { violation } from "../../policy/wording.js";

const DB = ["aws_db_instance"];

export const DATABASE_RULES: readonly PolicyRule[] = [
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

  {
    id: "PLT-RDS-001",
    title: "RDS manages the master password in Secrets Manager (no password in the configuration or in state).",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: [], trivy: [] },
    exceptable: false,
    check: (db) => {
      // A replica inherits its credentials from the source instance.
      if (db.has("replicate_source_db")) return [];
      return db.bool("manage_master_user_password") === true
        ? []
        : [violation("the master password is not managed by RDS", "manage_master_user_password", db.bool("manage_master_user_password"), "true")];
    },
  },
  {
    id: "PLT-RDS-002",
    title: "RDS instances are not publicly accessible.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: ["CKV_AWS_17"], trivy: ["AVD-AWS-0180"] },
    exceptable: false,
    check: (db) => (db.bool("publicly_accessible") === true ? [violation("the instance has a public endpoint", "publicly_accessible", true, "false")] : []),
  },
  {
    id: "PLT-RDS-003",
    title: "RDS instances have deletion protection.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: ["CKV_AWS_293"], trivy: ["AVD-AWS-0177"] },
    exceptable: true,
    check: (db) =>
      db.bool("deletion_protection") === true
        ? []
        : [violation("the instance can be deleted without first turning deletion protection off", "deletion_protection", db.bool("deletion_protection"), "true")],
  },
  {
    id: "PLT-RDS-004",
    title: "Destroying an RDS instance takes a final snapshot, under a name a later destroy cannot collide with.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: [], trivy: [] },
    exceptable: false,
    check: (db) => {
      if (db.bool("skip_final_snapshot") === true) return [violation("destroying the instance skips the final snapshot", "skip_final_snapshot", true, "false")];
      const identifier = db.string("final_snapshot_identifier");
      if (!identifier) return ["no final_snapshot_identifier: destroying the instance would fail or lose the data"];
      // A fixed name exists after the first destroy, so the next destroy of the same stack fails.
      return isExpression(identifier) ? [] : [`final_snapshot_identifier "${identifier}" is fixed; make it unique per instance (e.g. from a random_id) so a second destroy cannot collide`];
    },
  },
  {
    id: "PLT-RDS-005",
    title: "RDS instances keep automated backups for at least one day.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: ["CKV_AWS_133"], trivy: ["AVD-AWS-0077"] },
    exceptable: false,
    check: (db) => {
      if (db.has("replicate_source_db")) return [];
      const days = db.number("backup_retention_period");
      if (days === undefined && isExpression(db.attr("backup_retention_period"))) return [];
      return days !== undefined && days >= 1 ? [] : [violation("automated backups are off", "backup_retention_period", db.attr("backup_retention_period"), "1 day or more")];
    },
  },
  {
    id: "PLT-RDS-006",
    title: "RDS instances accept IAM database authentication.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: ["CKV_AWS_161"], trivy: ["AVD-AWS-0176"] },
    exceptable: false,
    check: (db) =>
      db.bool("iam_database_authentication_enabled") === true
        ? []
        : [violation("IAM database authentication is off", "iam_database_authentication_enabled", db.bool("iam_database_authentication_enabled"), "true")],
  },
  {
    id: "PLT-RDS-007",
    title: "RDS instances have Performance Insights enabled.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: ["CKV_AWS_353"], trivy: ["AVD-AWS-0133"] },
    exceptable: false,
    check: (db) =>
      db.bool("performance_insights_enabled") === true
        ? []
        : [violation("Performance Insights is off", "performance_insights_enabled", db.bool("performance_insights_enabled"), "true")],
  },
  {
    id: "PLT-RDS-008",
    title: "RDS instances export their logs to CloudWatch Logs.",
    severity: "error",
    appliesTo: DB,
    equivalents: { checkov: ["CKV_AWS_129"], trivy: [] },
    exceptable: false,
    check: (db) => {
      const exports = db.attr("enabled_cloudwatch_logs_exports");
      if (isExpression(exports)) return [];
      return Array.isArray(exports) && exports.length > 0 ? [] : [violation("no logs are exported to CloudWatch Logs", "enabled_cloudwatch_logs_exports", exports, "at least one log type")];
    },
  },
];
