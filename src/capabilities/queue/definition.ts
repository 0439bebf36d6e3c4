// `queue`: one SQS queue with a dead-letter queue, for the stack's workloads.
import { defineCapability } from "../shared/definition.js";
import { PROVIDER_DOCS, PROVIDER_SOURCE } from "../shared/stateful.js";
import { checkQueue } from "./check.js";
import { QUEUE_RULES } from "./policy.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    QUEUE_URL: true;
    QUEUE_ARN: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    sqsQueue: true;
  }
}

export const queue = defineCapability({
  section: "queue",
  phase: "infrastructure",
  summary: "SQS queue and its dead-letter queue (SQS-managed encryption, TLS-only policies); consumer: an event source mapping to a function",
  check: ({ config, error }) => checkQueue(config, error),
  requires: [
    {
      anyOf: ["lambda"],
      when: (config) => config.spec.queue?.consumer !== undefined,
      at: ["queue", "consumer"],
      because: "the consumer is a function of spec.lambda.functions",
    },
  ],
  reachedBy: ["compute", "lambda"],
  environment: {
    QUEUE_URL: { capability: "queue", description: "URL of the stack's SQS queue (send, receive and delete messages with it).", audience: "workloads" },
    QUEUE_ARN: { capability: "queue", description: "ARN of the stack's SQS queue.", audience: "workloads" },
  },
  // SQS allows 80 characters; 75 leaves room for the `.fifo` suffix FIFO queue names must end with.
  claims: (queue, claims) => {
    // `<service>` and `<service>-dlq`: the second can be another service's first.
    const fifo = queue.fifo ? ".fifo" : "";
    claims.fromService("SQS queue", `${claims.name("sqsQueue")}${fifo}`);
    claims.fromService("SQS queue", `${claims.name("sqsQueue", "dlq")}${fifo}`);
  },
  nameLimits: { sqsQueue: 75 },
  statefulTypes: {
    aws_sqs_queue: {
      kind: "queue",
      loses: "every message waiting in it (and SQS refuses the same name for 60 seconds after a deletion)",
      mayReplace: [],
      sources: [`${PROVIDER_DOCS}/sqs_queue.html.markdown`, `${PROVIDER_SOURCE}/sqs/queue.go`],
    },
  },
  policyRules: QUEUE_RULES,
  starter: () => [
    "  # An SQS queue with a dead-letter queue; `consumer: <function>` has a Lambda function process it.",
    "  queue:",
    "    visibilityTimeout: 30 # seconds; at least the timeout of a consumer function",
  ],
  load: () => import("./provision.js"),
});
