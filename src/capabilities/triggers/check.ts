// Rules of `spec.triggers` the schema cannot express: schedule expressions, time zones, targets that exist, event
// patterns, and the webhook gateway's secret. The pure validators say what is wrong; these rules
// say where (a position inside the written string or pattern) and report it.
import type { SpecPath } from "../../config/diagnostics.js";
import type { PlatformConfig } from "../../config/platform-config.js";
import { closest } from "../../config/suggest.js";
import type { Report } from "../shared/definition.js";
import { checkEventPattern } from "./event-pattern.js";
import { checkScheduleExpression } from "./schedule-expression.js";
import { checkTimezone } from "./timezone.js";

/** EventBridge Scheduler creates a group of this name in every account; it cannot be created again. */
const AWS_OWNED_SCHEDULE_GROUP = "default";

export function checkTriggers(config: PlatformConfig, error: Report, warning: Report): void {
  const { spec, rawSpec, secrets } = config;
  const triggers = spec.triggers;
  if (!triggers) return;
  const at: SpecPath = ["spec", "triggers"];
  const functions = (spec.lambda?.functions ?? []).map((fn) => fn.name);

  /** A target function must be one of spec.lambda.functions. */
  const checkFunction = (path: SpecPath, name: string) => {
    if (functions.includes(name)) return;
    if (functions.length === 0) {
      error("triggers/unknown-function", path, `targets function "${name}", but the spec declares no functions`, "declare it under spec.lambda.functions, or target another function");
      return;
    }
    const suggestion = closest(name, functions);
    error("triggers/unknown-function", path, `targets function "${name}", which spec.lambda.functions does not declare`, suggestion ? `did you mean "${suggestion}"?` : `use one of ${functions.map((fn) => `"${fn}"`).join(", ")}`);
  };

  const group = triggers.eventbridge?.scheduleGroup;
  if (group === AWS_OWNED_SCHEDULE_GROUP) {
    error("triggers/aws-schedule-group", [...at, "eventbridge", "scheduleGroup"], `"${AWS_OWNED_SCHEDULE_GROUP}" is the schedule group AWS creates in every account; it cannot be created again`, "name the group after the service, e.g. <service>-schedules");
  }

  const scheduleNames = new Map<string, number>();
  triggers.eventbridge?.schedules.forEach((schedule, index) => {
    const path: SpecPath = [...at, "eventbridge", "schedules", index];
    const earlier = scheduleNames.get(schedule.name);
    if (earlier !== undefined) error("triggers/duplicate-schedule", [...path, "name"], `schedule name "${schedule.name}" is already used by schedules[${earlier}]`, "give each schedule its own name");
    else scheduleNames.set(schedule.name, index);

    const expression = checkScheduleExpression(schedule.expression);
    if (expression) {
      const where = [...path, "expression"];
      error("triggers/schedule-expression", where, expression.message, expression.hint, "value", config.locateInString(where, expression.offset ?? 0));
    }
    const zone = checkTimezone(schedule.timezone);
    if (zone) error("triggers/timezone", [...path, "timezone"], zone.message, zone.hint);

    if (schedule.function === undefined && schedule.task === undefined) {
      error("triggers/schedule-target", path, `schedule "${schedule.name}" has no target`, "set function: <one of spec.lambda.functions> or task: {} (the stack's ECS task)", "key");
    } else if (schedule.function !== undefined && schedule.task !== undefined) {
      error("triggers/schedule-target", [...path, "task"], `schedule "${schedule.name}" sets both function and task`, "a schedule runs one target: keep function or task", "key");
    } else if (schedule.function !== undefined) {
      checkFunction([...path, "function"], schedule.function);
    } else if (!spec.compute) {
      error("triggers/task-without-compute", [...path, "task"], "runs the stack's ECS task, but the spec declares no compute", "declare spec.compute, or target a function instead", "key");
    }
    if (schedule.task !== undefined && schedule.input !== undefined) {
      error("triggers/task-input", [...path, "input"], "input goes to a function; a task does not receive it", "remove input, or use task.command to change what the task runs", "key");
    }
  });

  const ruleNames = new Map<string, number>();
  triggers.events.forEach((rule, index) => {
    const path: SpecPath = [...at, "events", index];
    const earlier = ruleNames.get(rule.name);
    if (earlier !== undefined) error("triggers/duplicate-rule", [...path, "name"], `rule name "${rule.name}" is already used by events[${earlier}]`, "give each rule its own name");
    else ruleNames.set(rule.name, index);
    checkFunction([...path, "function"], rule.function);
    if (rule.pattern !== undefined) {
      const problem = checkEventPattern(rule.pattern);
      if (problem) error("triggers/event-pattern", [...path, "pattern", ...problem.path], problem.message, problem.hint, problem.path.length > 0 ? "key" : "value");
    }
  });
  if (triggers.events.length > 0 && !triggers.webhookGateway) {
    error("triggers/events-without-gateway", [...at, "events"], "rules need the stack's event bus, which only the webhook gateway creates", "set webhookGateway: true (with webhook.scheme and webhook.secret), or remove events", "key");
  }

  const written = rawSpec.triggers as Record<string, unknown> | undefined;
  if (triggers.webhookGateway) {
    const webhook = triggers.webhook;
    const webhookPath: SpecPath = written?.webhook === undefined ? [...at, "webhookGateway"] : [...at, "webhook"];
    if (webhook.secret === undefined) {
      error("triggers/webhook-secret", webhookPath, "the webhook gateway needs the name of its signing secret (webhook.secret)", "declare the secret in spec.secrets and set webhook.secret to its name, e.g. GITHUB_WEBHOOK_SECRET", "key");
    } else if (!secrets.includes(webhook.secret)) {
      const suggestion = closest(webhook.secret, secrets);
      error(
        "triggers/unknown-secret",
        [...at, "webhook", "secret"],
        `secret "${webhook.secret}" is not declared in spec.secrets`,
        suggestion ? `did you mean "${suggestion}"? Otherwise add ${webhook.secret} to spec.secrets` : `add ${webhook.secret} to spec.secrets (the gateway reads /<service>/${webhook.secret})`,
      );
    }
    if (webhook.scheme === undefined && webhook.image === undefined) {
      error("triggers/webhook-scheme", webhookPath, "the built-in webhook gateway needs the senders' signature scheme (webhook.scheme)", "set webhook.scheme: github, stripe or generic; or webhook.image to run a gateway of your own", "key");
    }
  } else if (written?.webhook !== undefined) {
    warning("triggers/webhook-without-gateway", [...at, "webhook"], "configures a webhook gateway that is not created (webhookGateway is off)", "set webhookGateway: true, or remove webhook", "key");
  }
  if (!triggers.eventbridge && !triggers.webhookGateway && triggers.events.length === 0) {
    warning("triggers/nothing-declared", at, "declares neither eventbridge nor webhookGateway, so it provisions nothing", "remove the section, or set eventbridge or webhookGateway: true", "key");
  }
}
