// `queue`: one SQS queue for the stack's workloads, with a dead-letter queue for the messages they
// keep failing; both encrypted and TLS only. With `consumer`, a function of the stack processes it.
import type { SqsQueue } from "../../../providers/aws/sqs-queue.js";
import { dependable } from "../../../providers/cdktf.js";
import type { QueueConfig } from "../../../schema/queue.js";
import type { CapabilityContext } from "../shared/context.js";
import { functionNameOf } from "../shared/function.js";
import { functionRoleKey } from "../lambda/keys.js";
import { queueSubscription, sqsQueue, tlsOnlyQueuePolicy } from "./resources.js";

declare module "../shared/context.js" {
  interface ContextValues {
    "queue.queue": SqsQueue;
  }
}

/** Produce, consume and delete messages, read the queue's attributes: what a workload (and Lambda's poller, for the consumer) needs. */
export const QUEUE_CLIENT_ACTIONS = ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage"];

/** The longest SQS keeps a message: the dead-letter queue keeps what failed as long as it can, for inspection and redrive. */
const DEAD_LETTER_RETENTION_DAYS = 14;

export function provision(queue: QueueConfig, ctx: CapabilityContext): void {
  const { scope, workload } = ctx;
  const roles = ctx.require("foundation.roles");

  const deadLetter = sqsQueue(scope, "queue_dead_letter", {
    name: ctx.name("sqsQueue", "dlq"),
    fifo: queue.fifo, // a FIFO queue's dead-letter queue must be FIFO too
    visibilityTimeoutSeconds: queue.visibilityTimeout,
    retentionDays: DEAD_LETTER_RETENTION_DAYS,
  });
  const main = sqsQueue(scope, "queue_main", {
    name: ctx.name("sqsQueue"),
    fifo: queue.fifo,
    visibilityTimeoutSeconds: queue.visibilityTimeout,
    retentionDays: queue.retentionDays,
    deadLetter: { queueArn: deadLetter.arn, maxReceiveCount: queue.maxReceiveCount },
  });
  tlsOnlyQueuePolicy(scope, "queue_main_policy", { queueUrl: main.url, queueArn: main.arn });
  tlsOnlyQueuePolicy(scope, "queue_dead_letter_policy", { queueUrl: deadLetter.url, queueArn: deadLetter.arn });

  // The consumer's role is a function role, so this grant also covers what Lambda's poller does for it.
  const useQueue = { sid: "UseStackQueue", actions: QUEUE_CLIENT_ACTIONS, resources: [main.arn] };
  roles.grantTo("container-task", useQueue);
  roles.grantTo("function", useQueue);

  if (queue.consumer !== undefined) {
    const consumer = queue.consumer;
    const mapping = queueSubscription(scope, "queue_consumer", {
      queueArn: main.arn,
      functionName: functionNameOf(ctx, consumer),
      batchSize: queue.batchSize,
    });
    // Lambda checks the function's role when the mapping is created: wait for its policy...
    roles.dependOnPolicy(functionRoleKey(consumer), mapping);
    // ...and for the function, which the lambda step (a later phase) creates.
    ctx.onFinalize(() => {
      const fn = ctx.require("lambda.functions").find((candidate) => candidate.name === consumer);
      if (!fn) throw new Error(`queue consumer ${consumer} is not a function of the stack`);
      mapping.dependsOn = [...(mapping.dependsOn ?? []), dependable(fn.function)];
    });
  }

  workload.setEnvironment("QUEUE_URL", main.url);
  workload.setEnvironment("QUEUE_ARN", main.arn);
  ctx.set("queue.queue", main);
  ctx.export("queue.url", main.url, "URL of the stack's SQS queue.");
  ctx.export("queue.arn", main.arn, "ARN of the stack's SQS queue.");
  ctx.export("queue.dlq_arn", deadLetter.arn, "ARN of the queue's dead-letter queue (messages received maxReceiveCount times without being deleted).");
}
