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

export interface DeadLetterQueueArgs {
  name: string;
  /** ARNs of the EventBridge rules that may send here (none: no statement for the events service). */
  ruleArns: string[];
}

export interface DeadLetterQueue {
  queue: SqsQueue;
  policy: SqsQueuePolicy;
}

/** Creates `<id>` (the queue) and `<id>_policy`. */
export function deadLetterQueue(scope: TerraformStack, id: string, args: DeadLetterQueueArgs): DeadLetterQueue {
  const queue = new SqsQueue(scope, id, {
    name: args.name,
    sqsManagedSseEnabled: true,
    messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
  });
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
  const policy = new SqsQueuePolicy(scope, `${id}_policy`, { queueUrl: queue.url, policy: renderResourcePolicy(statements) });
  return { queue, policy };
}
