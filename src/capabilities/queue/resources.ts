// The AWS concepts only the queue unit creates: an SQS queue, its TLS-only queue policy, and the
// event source mapping that feeds a function from it.
import { LambdaEventSourceMapping } from "../../../providers/aws/lambda-event-source-mapping.js";
import { SqsQueuePolicy } from "../../../providers/aws/sqs-queue-policy.js";
import { SqsQueue } from "../../../providers/aws/sqs-queue.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import { renderResourcePolicy } from "../../modules/iam/policy-document.js";

const SECONDS_PER_DAY = 86400;

export interface SqsQueueArgs {
  /** Without `.fifo`: appended here for a FIFO queue. */
  name: string;
  fifo: boolean;
  visibilityTimeoutSeconds: number;
  retentionDays: number;
  /** Where messages go after `maxReceiveCount` receives; absent for the dead-letter queue itself. */
  deadLetter?: { queueArn: string; maxReceiveCount: number };
}

export function sqsQueue(scope: TerraformStack, id: string, args: SqsQueueArgs): SqsQueue {
  return new SqsQueue(scope, id, {
    name: args.fifo ? `${args.name}.fifo` : args.name,
    fifoQueue: args.fifo,
    visibilityTimeoutSeconds: args.visibilityTimeoutSeconds,
    messageRetentionSeconds: args.retentionDays * SECONDS_PER_DAY,
    // Always on: messages are encrypted at rest with keys SQS manages (no KMS key or cost).
    sqsManagedSseEnabled: true,
    ...(args.deadLetter
      ? { redrivePolicy: JSON.stringify({ deadLetterTargetArn: args.deadLetter.queueArn, maxReceiveCount: args.deadLetter.maxReceiveCount }) }
      : {}),
  });
}

/** The queue's policy: every request without TLS is refused, whoever makes it (access itself is granted to the roles). */
export function tlsOnlyQueuePolicy(scope: TerraformStack, id: string, args: { queueUrl: string; queueArn: string }): SqsQueuePolicy {
  return new SqsQueuePolicy(scope, id, {
    queueUrl: args.queueUrl,
    policy: renderResourcePolicy([
      {
        sid: "DenyRequestsWithoutTls",
        effect: "Deny",
        principal: "*",
        actions: ["sqs:*"],
        resources: [args.queueArn],
        conditions: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]),
  });
}

export interface QueueSubscriptionArgs {
  queueArn: string;
  functionName: string;
  batchSize: number;
}

export function queueSubscription(scope: TerraformStack, id: string, args: QueueSubscriptionArgs): LambdaEventSourceMapping {
  return new LambdaEventSourceMapping(scope, id, {
    eventSourceArn: args.queueArn,
    functionName: args.functionName,
    batchSize: args.batchSize,
    // The function returns the ids of the messages it failed; only those return to the queue.
    functionResponseTypes: ["ReportBatchItemFailures"],
  });
}
