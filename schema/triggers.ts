// `spec.triggers`: what runs the stack's code without a caller: schedules (EventBridge Scheduler),
// rules on the stack's event bus, and the built-in webhook gateway that publishes to that bus.
import Type, { type Static } from "typebox";
import { SECRET_NAME_PATTERN } from "./secrets.js";
import { ShortName, strict, type Resolved } from "./shared.js";

/** Any JSON mapping, checked by a semantic rule (event patterns) or passed on as data (inputs). */
const JsonMapping = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const ScheduleTask = Type.Object(
  {
    command: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), {
        minItems: 1,
        maxItems: 64,
        description: "Command the container runs instead of the image's (exec form, e.g. [\"npm\", \"run\", \"nightly\"]). Unset: the image's command.",
      }),
    ),
  },
  { ...strict, description: "Run one task of the stack's ECS task definition (requires compute), in the stack's private subnets and task security group. Unset: the schedule invokes its function." },
);
export type ScheduleTask = Static<typeof ScheduleTask>;

export const Schedule = Type.Object(
  {
    name: ShortName("Schedule name, unique in the stack; the schedule is <name> in the stack's schedule group."),
    expression: Type.String({
      minLength: 1,
      maxLength: 256,
      description:
        "When it runs, in EventBridge Scheduler syntax: cron(minutes hours day-of-month month day-of-week year) with ? in one day field, rate(<n> minute(s)|hour(s)|day(s)), or at(yyyy-mm-ddThh:mm:ss) for once.",
    }),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 50, default: "UTC", description: "IANA time zone of cron and at expressions, e.g. Europe/Paris (daylight saving time is followed)." })),
    flexibleWindowMinutes: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 1440, default: 0, description: "Let Scheduler start the target up to this many minutes late, to spread load; 0 runs it on time." }),
    ),
    function: Type.Optional(ShortName("Target: the name of one of the stack's functions (spec.lambda.functions[].name) to invoke. Set this or task. Unset: the schedule runs the task.")),
    task: Type.Optional(ScheduleTask),
    input: Type.Optional(JsonMapping("JSON payload the function receives as its event. Not used with task. Unset: no payload.")),
    retry: Type.Optional(
      Type.Object(
        {
          maximumAttempts: Type.Optional(Type.Integer({ minimum: 0, maximum: 185, default: 185, description: "Retries when the target fails or is throttled, 0 to 185." })),
          maximumEventAgeSeconds: Type.Optional(
            Type.Integer({ minimum: 60, maximum: 86400, default: 86400, description: "Give up on a run this many seconds after it was due, 60 to 86400." }),
          ),
        },
        { ...strict, default: {}, description: "Retry policy; a run that still fails goes to the stack's schedule dead-letter queue." },
      ),
    ),
  },
  { ...strict, description: "One schedule: when, and what it runs (a function or the task)." },
);
export type Schedule = Static<typeof Schedule>;

export const EventRule = Type.Object(
  {
    name: ShortName("Rule name, unique in the stack; the rule is <name> on the stack's event bus."),
    pattern: Type.Optional(
      JsonMapping(
        'EventBridge event pattern: field names mapped to lists of values to match or to operators (prefix, suffix, anything-but, numeric, exists, cidr, equals-ignore-case, wildcard, $or). Unset: every event of the webhook gateway ({ source: ["platform.webhook"] }).',
      ),
    ),
    function: ShortName("Target: the name of one of the stack's functions (spec.lambda.functions[].name); it receives the whole event."),
  },
  { ...strict, description: "One rule on the stack's event bus: which events, and the function they go to." },
);
export type EventRule = Static<typeof EventRule>;

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
          schedules: Type.Optional(Type.Array(Schedule, { maxItems: 50, default: [], description: "The stack's schedules, in its schedule group." })),
        },
        { ...strict, description: "A schedule group, its schedules, and the role they run with (it may invoke exactly the targets named). Absent: no schedule group." },
      ),
    ),
    events: Type.Optional(
      Type.Array(EventRule, {
        maxItems: 50,
        default: [],
        description: "Rules on the stack's event bus (requires webhookGateway, which creates the bus); the bus may invoke exactly the functions named.",
      }),
    ),
    webhookGateway: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "Create the webhook gateway: a public function (<service>-webhook, Function URL without IAM auth) that verifies each request's signature and publishes it on the stack's event bus, which only it may publish to. The engine's own code unless webhook.image is set.",
      }),
    ),
    webhook: Type.Optional(
      Type.Object(
        {
          scheme: Type.Optional(
            Type.Enum(["github", "stripe", "generic"], {
              description:
                "How senders sign: github (X-Hub-Signature-256: sha256=<hex>), stripe (Stripe-Signature: t=<time>,v1=<hex>, at most 300 s old) or generic (X-Webhook-Signature: <hex>); all HMAC-SHA256 of the body. Unset: allowed only with webhook.image (a gateway of your own).",
            }),
          ),
          secret: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 128,
              pattern: SECRET_NAME_PATTERN,
              description: "Name of the shared secret, one of spec.secrets (SSM SecureString /<service>/<NAME>; one secret per line while rotating). Unset: allowed only while webhookGateway is off.",
            }),
          ),
          image: Type.Optional(
            ShortName("Bring your own gateway: ECR repository suffix (<service>-<image>) of an image to run instead of the built-in code. It must verify signatures itself. Unset: the built-in gateway."),
          ),
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
        { ...strict, default: {}, description: "The webhook gateway: signature scheme, secret, sizing; used only when webhookGateway is true." },
      ),
    ),
  },
  { ...strict, description: "Event-driven entry points into the stack." },
);
export type Triggers = Static<typeof Triggers>;

/** A schedule with its defaults; `function` or `task` names the target (a rule checks that one is set). */
export type ScheduleConfig = Resolved<Schedule, "function" | "task" | "input">;
/** A rule on the stack's bus; `pattern` unset means every event of the webhook gateway. */
export type EventRuleConfig = Resolved<EventRule, "pattern">;
/** `spec.triggers` with every default applied (`eventbridge` has none: absent, no schedules). */
export type TriggersConfig = {
  eventbridge?: { scheduleGroup: string; schedules: ScheduleConfig[] };
  events: EventRuleConfig[];
  webhookGateway: boolean;
  /** scheme, secret and image have no default: the unit's rules say when each is needed. */
  webhook: Resolved<NonNullable<Triggers["webhook"]>, "scheme" | "secret" | "image">;
};

declare module "./index.js" {
  interface SectionConfigs {
    triggers: TriggersConfig;
  }
}
