// Policy rules of the cache unit's resources: Redis encrypted at rest and TLS-only.
import type { PolicyRule } from "../../policy/rule.js";
import { violation } from "../../policy/wording.js";

export const CACHE_RULES: readonly PolicyRule[] = [
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
];
