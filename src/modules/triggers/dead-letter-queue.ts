// The stack's dead-letter queue for trigger deliveries that failed every retry: an SQS queue
// encrypted at rest (SQS-managed keys), keeping messages for the longest SQS allows, reachable over
// TLS only. Scheduler sends with the scheduler role (an identity grant); EventBridge rules send as
// the events service, which the queue policy admits for the named rules only.
import { SqsQueue } from "../../../providers/aws/sqs-queue.js";
import { SqsQueuePolicy } from "../../../providers/aws/sqs-queue-policy.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import { renderResourcePolicy, type ResourcePolicyStatement } from "../iam/policy-document.js";

/** SQS's maximum retention: 14 days to look at what failed. */
export const DEAD_LETTER_RETENTION_SECONDS = 1_209_600;

/** Creates `<id>`, the queue; its policy comes once the rules that use it exist (deadLetterQueuePolicy). */
export function deadLetterQueue(scope: TerraformStack, id: string, args: { name: string }): SqsQueue {
  return new SqsQueue(scope, id, {
    name: args.name,
    sqsManagedSseEnabled: true,
    messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
  });
}

/** Creates `<id>`: TLS only, and EventBridge may send for the given rules (none: no such statement). */
export function deadLetterQueuePolicy(scope: TerraformStack, id: string, args: { queue: SqsQueue; ruleArns: string[] }): SqsQueuePolicy {
  const { queue } = args;
  const statements: ResourcePolicyStatement[] = [
    {
      sid: "DenyInsecureTransport",
      effect: "Deny",
      principal: "*",
      actions: ["sqs:*"],
      resources: [queue.arn],
      conditions: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
  if (args.ruleArns.length > 0) {
    statements.push({
      sid: "EventRulesSendFailedEvents",
      effect: "Allow",
      principal: { Service: "events.amazonaws.com" },
      actions: ["sqs:SendMessage"],
      resources: [queue.arn],
      conditions: { ArnEquals: { "aws:SourceArn": args.ruleArns } },
    });
  }
  return new SqsQueuePolicy(scope, id, { queueUrl: queue.url, policy: renderResourcePolicy(statements) });
}
