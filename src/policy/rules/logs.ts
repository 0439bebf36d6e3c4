// CloudWatch log groups: logs expire after a set retention instead of growing without bound.
import { isExpression } from "../values.js";
import type { PolicyRule } from "../rule.js";
import { violation } from "../wording.js";

export const LOG_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-LOG-001",
    title: "CloudWatch log groups set a retention period.",
    severity: "error",
    appliesTo: ["aws_cloudwatch_log_group"],
    equivalents: { checkov: ["CKV_AWS_66"], trivy: [] },
    exceptable: false,
    check: (group) => {
      if (isExpression(group.attr("retention_in_days"))) return [];
      // 0 (or unset) means the logs never expire.
      const days = group.number("retention_in_days") ?? 0;
      return days > 0 ? [] : [violation("the log group keeps logs forever", "retention_in_days", group.attr("retention_in_days"), "a number of days")];
    },
  },
];
