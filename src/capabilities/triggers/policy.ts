// Policy rules of the triggers unit's resources: its dead-letter queue is encrypted at rest.
import type { PolicyRule } from "../../policy/rule.js";

export const TRIGGERS_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-ENC-007",
    title: "SQS queues are encrypted at rest (SQS-managed keys or a KMS key).",
    severity: "error",
    appliesTo: ["aws_sqs_queue"],
    equivalents: { checkov: ["CKV_AWS_27"], trivy: ["AVD-AWS-0096"] },
    exceptable: false,
    check: (queue) =>
      queue.bool("sqs_managed_sse_enabled") === true || queue.has("kms_master_key_id")
        ? []
        : ["the queue is not encrypted at rest (sqs_managed_sse_enabled = true, or kms_master_key_id)"],
  },
];
