// Rules of spec.queue the schema cannot express: the consumer is a function of the stack, and the
// queue hides a received message at least as long as that function may run.
import type { PlatformConfig } from "../../config/platform-config.js";
import type { Report } from "../shared/definition.js";
import { echo } from "../../support/echo.js";

export function checkQueue({ spec }: PlatformConfig, error: Report): void {
  const queue = spec.queue;
  if (!queue?.consumer || !spec.lambda) return; // without lambda, the precondition reports it
  const index = spec.lambda.functions.findIndex((fn) => fn.name === queue.consumer);
  if (index < 0) {
    const names = spec.lambda.functions.map((fn) => echo(fn.name)).join(", ");
    error("queue/unknown-consumer", ["spec", "queue", "consumer"], `${echo(queue.consumer)} is not a function in spec.lambda.functions`, `name one of ${names}`);
    return;
  }
  const timeout = spec.lambda.functions[index]!.timeout;
  if (queue.visibilityTimeout < timeout) {
    // Lambda refuses the event source mapping otherwise: a message would reappear while still being processed.
    error(
      "queue/visibility-timeout",
      ["spec", "queue", "visibilityTimeout"],
      `${queue.visibilityTimeout} seconds is shorter than the timeout of its consumer ${echo(queue.consumer)} (spec.lambda.functions[${index}].timeout: ${timeout})`,
      `set visibilityTimeout to at least ${timeout} (AWS recommends six times the function timeout)`,
    );
  }
}
