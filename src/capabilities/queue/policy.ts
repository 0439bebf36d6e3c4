// Policy rules of the queue unit's resources: SQS queues encrypted at rest and reachable over TLS only.
import type { PolicyRule } from "../../policy/rule.js";
import { insecureTransportProblems } from "../../policy/values.js";

export const QUEUE_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-SQS-001",
    title: "SQS queues are encrypted at rest (SQS-managed SSE or a KMS key).",
    severity: "error",
    appliesTo: ["aws_sqs_queue"],
    equivalents: { checkov: ["CKV_AWS_27"], trivy: ["AVD-AWS-0096"] },
    exceptable: false,
    check: (queue) =>
      queue.bool("sqs_managed_sse_enabled") === true || queue.has("kms_master_key_id")
        ? []
        : ["the queue is not encrypted at rest (sqs_managed_sse_enabled = true, or kms_master_key_id)"],
  },
  {
    id: "PLT-SQS-002",
    title: "SQS queue policies deny every request made without TLS (aws:SecureTransport false).",
    severity: "error",
    appliesTo: ["aws_sqs_queue_policy"],
    equivalents: { checkov: [], trivy: [] },
    exceptable: false,
    check: (policy) => insecureTransportProblems(policy.json("policy"), "sqs"),
  },
];
