// `spec.triggers`: EventBridge Scheduler access and an optional public webhook gateway.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

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
        { ...strict, description: "A schedule group and a role that lets its schedules invoke the stack's functions (or run its task). Absent: no schedule group." },
      ),
    ),
    webhookGateway: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "Create a public webhook function (<service>-webhook, image from the <service>-webhook repository, Function URL without IAM auth: it must verify each sender's signature itself) and an event bus only it may publish to.",
      }),
    ),
    webhook: Type.Optional(
      Type.Object(
        {
          memory: Type.Optional(Type.Integer({ minimum: 128, maximum: 10240, default: 512, description: "Memory of the webhook function in MB." })),
          timeout: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 900,
              default: 30,
              description: "Timeout of the webhook function in seconds. Webhook senders usually give up after 10 to 30 seconds.",
            }),
          ),
          invokeMode: Type.Optional(
            Type.Enum(["RESPONSE_STREAM", "BUFFERED"], {
              default: "BUFFERED",
              description: "Function URL invoke mode of the webhook. Buffered works with any image; webhooks answer with a short status.",
            }),
          ),
        },
        { ...strict, default: {}, description: "Sizing of the webhook function; used only when webhookGateway is true." },
      ),
    ),
  },
  { ...strict, description: "Event-driven entry points into the stack." },
);
export type Triggers = Static<typeof Triggers>;

/** `spec.triggers` with every default applied (`eventbridge` has none: absent, no schedules). */
export type TriggersConfig = Resolved<Triggers, "eventbridge">;

declare module "./index.js" {
  interface SectionConfigs {
    triggers: TriggersConfig;
  }
}
