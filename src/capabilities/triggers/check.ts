// Rules of spec.triggers the schema cannot express.
import type { PlatformConfig } from "../../config/platform-config.js";
import type { Report } from "../shared/definition.js";

/** EventBridge Scheduler creates a group of this name in every account; it cannot be created again. */
const AWS_OWNED_SCHEDULE_GROUP = "default";

export function checkTriggers({ spec, rawSpec }: PlatformConfig, error: Report, warning: Report): void {
  if (!spec.triggers) return;
  const group = spec.triggers.eventbridge?.scheduleGroup;
  if (group === AWS_OWNED_SCHEDULE_GROUP) {
    error(
      "triggers/aws-schedule-group",
      ["spec", "triggers", "eventbridge", "scheduleGroup"],
      `"${AWS_OWNED_SCHEDULE_GROUP}" is the schedule group AWS creates in every account; it cannot be created again`,
      "name the group after the service, e.g. <service>-schedules",
    );
  }
  const written = rawSpec.triggers as Record<string, unknown> | undefined;
  if (written?.webhook !== undefined && !spec.triggers.webhookGateway) {
    warning("triggers/webhook-without-gateway", ["spec", "triggers", "webhook"], "sizes a webhook function that is not created (webhookGateway is off)", "set webhookGateway: true, or remove webhook", "key");
  }
  if (!spec.triggers.eventbridge && !spec.triggers.webhookGateway) {
    warning("triggers/nothing-declared", ["spec", "triggers"], "declares neither eventbridge nor webhookGateway, so it provisions nothing", "remove the section, or set eventbridge or webhookGateway: true", "key");
  }
}
