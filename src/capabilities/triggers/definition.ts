// `triggers`: EventBridge Scheduler group, its schedules and their role; the webhook gateway (the
// engine's own zip, or a team's image), the stack's event bus and the rules routing from it; one
// dead-letter queue for deliveries that failed.
import type { SpecPath } from "../../config/diagnostics.js";
import { defineCapability, type RoleNeed } from "../shared/definition.js";
import { WEBHOOK_FUNCTION_NAME } from "../shared/lambda-runtime.js";
import { checkTriggers } from "./check.js";
import { SCHEDULER_ROLE_KEY, WEBHOOK_ROLE_KEY } from "./keys.js";

declare module "../shared/needs.js" {
  interface StackRoleKeys {
    "triggers.webhook": true;
    "triggers.scheduler": true;
  }
}
declare module "../shared/environment.js" {
  interface InjectedVariables {
    PLATFORM_EVENT_BUS_NAME: true;
    PLATFORM_WEBHOOK_SCHEME: true;
    PLATFORM_WEBHOOK_SECRET_PARAMETER: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    scheduleGroup: true;
    eventBus: true;
  }
}

export const triggers = defineCapability({
  section: "triggers",
  // After lambda (section order within the phase): it reads the functions from the context.
  phase: "compute",
  summary: "EventBridge Scheduler group, schedules and their role; webhookGateway: the webhook gateway, the stack's event bus and rules routing from it; a dead-letter queue",
  // Only what is declared: a stack without webhookGateway gets no gateway, bus or rules, one without eventbridge no group.
  describe: (triggers) => {
    const schedules = triggers.eventbridge?.schedules.length ?? 0;
    const rules = triggers.events.length;
    const gateway = triggers.webhook.image === undefined ? "the built-in webhook gateway (Function URL)" : "the webhook gateway of image " + triggers.webhook.image + " (Function URL)";
    return (
      [
        ...(triggers.eventbridge
          ? [`EventBridge Scheduler group ${triggers.eventbridge.scheduleGroup}${schedules > 0 ? ` with ${schedules} schedule${schedules === 1 ? "" : "s"}` : ""} and the role its schedules run with`]
          : []),
        ...(triggers.webhookGateway ? [`${gateway} and the stack's event bus${rules > 0 ? ` with ${rules} rule${rules === 1 ? "" : "s"}` : ""}`] : []),
        ...(schedules > 0 || rules > 0 ? ["a dead-letter queue for failed deliveries"] : []),
      ].join("; ") || "nothing (neither eventbridge nor webhookGateway is declared)"
    );
  },
  check: ({ config, error, warning }) => checkTriggers(config, error, warning),
  requires: [
    {
      anyOf: ["lambda", "compute"],
      when: (config) => config.spec.triggers?.eventbridge !== undefined,
      at: ["triggers", "eventbridge"],
      because: "schedules invoke the stack's functions or run its task, so one of them must exist",
    },
  ],
  // The webhook function gets its own group (HTTPS out only), created by the triggers step.
  roles: (triggers) => [
    ...(triggers.eventbridge
      ? [
          {
            key: SCHEDULER_ROLE_KEY,
            service: "scheduler.amazonaws.com",
            audience: "scheduler",
            nameSuffix: "scheduler",
            description: `EventBridge Scheduler runs the schedules of group ${triggers.eventbridge.scheduleGroup} with this role.`,
            sourceArn: { service: "scheduler", resource: `schedule-group/${triggers.eventbridge.scheduleGroup}` },
          } satisfies RoleNeed,
        ]
      : []),
    ...(triggers.webhookGateway
      ? [
          {
            key: WEBHOOK_ROLE_KEY,
            service: "lambda.amazonaws.com",
            // Not "function": grants to every function (database secret, stack secrets, EFS) pass it by.
            audience: "webhook",
            nameSuffix: `lambda-${WEBHOOK_FUNCTION_NAME}`,
            description: `The ${WEBHOOK_FUNCTION_NAME} function runs with this role.`,
          } satisfies RoleNeed,
        ]
      : []),
  ],
  environment: {
    PLATFORM_EVENT_BUS_NAME: {
      capability: "triggers",
      description: "Name of the stack's EventBridge event bus; the webhook gateway publishes the events it accepts there (PutEvents).",
      audience: "webhook",
    },
    PLATFORM_WEBHOOK_SCHEME: {
      capability: "triggers",
      description: "Signature scheme the webhook gateway verifies (spec.triggers.webhook.scheme: github, stripe or generic); set when the spec sets one.",
      audience: "webhook",
    },
    PLATFORM_WEBHOOK_SECRET_PARAMETER: {
      capability: "triggers",
      description:
        "SSM SecureString holding the webhook gateway's secret, /<service>/<spec.triggers.webhook.secret> (one secret per line while rotating); the gateway may read exactly this parameter.",
      audience: "webhook",
    },
  },
  // sqsQueue (the dead-letter queue's name) is the queue unit's limit; aws_sqs_queue is stateful there too.
  claims: (triggers, claims) => {
    if (triggers.webhookGateway) {
      const at: SpecPath = ["spec", "triggers", "webhookGateway"];
      claims.functionNames(WEBHOOK_FUNCTION_NAME, at);
      claims.claim("ECR repository", claims.name("ecrRepository", WEBHOOK_FUNCTION_NAME), at);
      claims.claim("EventBridge event bus", claims.name("eventBus", "events"), at);
    }
    if (triggers.eventbridge) {
      claims.claim("EventBridge Scheduler schedule group", triggers.eventbridge.scheduleGroup, ["spec", "triggers", "eventbridge", "scheduleGroup"]);
      claims.fromService("IAM role", claims.name("iamRole", "scheduler"));
    }
  },
  nameLimits: { scheduleGroup: 64, eventBus: 256 },
  optOuts: [
    { field: "triggers.webhookGateway: true", secureDefault: "false", rules: ["PLT-LMB-003", "PLT-LMB-005"], on: "the webhook's Function URL; its two public invoke permissions" },
  ],
  starter: (name) => ["  # Schedules (EventBridge Scheduler) and a webhook entry point.", "  triggers:", "    eventbridge:", `      scheduleGroup: ${name}`],
  load: () => import("./provision.js"),
});
