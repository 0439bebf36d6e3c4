// `spec.queue`: one SQS queue for the stack's workloads, with a dead-letter queue.
import Type, { type Static } from "typebox";
import { ShortName, strict, type Resolved } from "./shared.js";

export const Queue = Type.Object(
  {
    fifo: Type.Optional(
      Type.Boolean({
        default: false,
        description: "A FIFO queue (exactly-once processing, order kept per message group; names end in `.fifo`). Changing it replaces the queue and loses its messages.",
      }),
    ),
    visibilityTimeout: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 43200,
        default: 30,
        description: "Seconds a received message stays hidden from other consumers, 0 to 43200. At least the timeout of the consumer function.",
      }),
    ),
    retentionDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 14, default: 4, description: "Days a message is kept before SQS deletes it unread, 1 to 14." }),
    ),
    maxReceiveCount: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1000,
        default: 5,
        description: "Receives after which a message moves to the dead-letter queue (always created; it keeps messages 14 days).",
      }),
    ),
    consumer: Type.Optional(
      ShortName(
        "Name of a function in spec.lambda.functions that processes the queue (an event source mapping that reports partial batch failures). Absent: no function is subscribed; workloads receive messages themselves.",
      ),
    ),
    batchSize: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 10, default: 10, description: "Most messages the consumer function receives per invocation, 1 to 10. Read only with `consumer`." }),
    ),
  },
  { ...strict, description: "Amazon SQS queue (encrypted, TLS only) with a dead-letter queue; every workload may send and receive." },
);
export type Queue = Static<typeof Queue>;

/** `spec.queue` with every default applied (`consumer` stays optional: absent means no subscription). */
export type QueueConfig = Resolved<Queue, "consumer">;

declare module "./index.js" {
  interface SectionConfigs {
    queue: QueueConfig;
  }
}
