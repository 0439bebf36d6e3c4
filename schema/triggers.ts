// `spec.triggers`: EventBridge Scheduler access and an optional public webhook gateway.
import Type, { type Static } from "typebox";
import { strict } from "./shared.js";

export const Triggers = Type.Object(
  {
    eventbridge: Type.Optional(
      Type.Object(
        {
          scheduleGroup: Type.String({
            minLength: 1,
            maxLength: 64,
            pattern: "^[0-9a-zA-Z._-]+$",
            description:
              "EventBridge Scheduler schedule group name (letters, digits, `.`, `_`, `-`). Unique per account and region: two stacks cannot share one, and `default` belongs to AWS.",
          }),
        },
        { ...strict, description: "A schedule group and a role that lets its schedules invoke the stack's functions (or run its task)." },
      ),
    ),
    webhookGateway: Type.Optional(
      Type.Boolean({
        default: false,
        description: "Create a public webhook function (Function URL without IAM auth) and an event bus only it may publish to.",
      }),
    ),
  },
  { ...strict, description: "Event-driven entry points into the stack." },
);
export type Triggers = Static<typeof Triggers>;
