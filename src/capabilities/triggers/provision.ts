// `triggers`: event-driven entry points. `eventbridge`: a Scheduler schedule group and the role its
// schedules run with (invoke the stack's functions or, with compute only, run its task).
// `webhookGateway`: a public webhook function and the stack's event bus, which only it may publish to.
import type { TriggersConfig } from "../../../schema/triggers.js";
import { WEBHOOK_FUNCTION_NAME } from "../shared/lambda-runtime.js";
import type { CapabilityContext } from "../shared/context.js";
import { ecrRepository } from "../../modules/compute/ecr-repository.js";
import { imagePullPolicy } from "../../modules/lambda/image-pull-policy.js";
import { egressToAnywhere, securityGroup } from "../../modules/networking/security-group.js";
import { eventBus } from "../../modules/triggers/event-bus.js";
import { scheduleGroup } from "../../modules/triggers/schedule-group.js";
import { deployFunction, functionNameOf } from "../shared/function.js";
import { HTTPS_PORT } from "../shared/security-groups.js";
import { SCHEDULER_ROLE_KEY, WEBHOOK_ROLE_KEY } from "./keys.js";

/** Terraform variable a deploy sets to the image tag the webhook function runs. */
export const WEBHOOK_IMAGE_TAG_VARIABLE = "webhook_image_tag";
/** ECS passes the task and execution roles to this service when Scheduler runs the task. */
const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

function provisionSchedules(ctx: CapabilityContext, groupName: string): void {
  const roles = ctx.require("foundation.roles");
  const group = scheduleGroup(ctx.scope, "triggers_schedule_group", { name: groupName });

  const functions = ctx.get("lambda.functions");
  if (functions) {
    // Qualified ARNs too, so a schedule may target a version or an alias of the same functions.
    roles.grant(SCHEDULER_ROLE_KEY, {
      sid: "InvokeStackFunctions",
      actions: ["lambda:InvokeFunction"],
      resources: functions.flatMap((fn) => [fn.function.arn, `${fn.function.arn}:*`]),
    });
  } else {
    // The precondition guarantees compute when there is no lambda.
    const definition = ctx.require("compute.taskDefinition");
    roles.grant(SCHEDULER_ROLE_KEY, {
      sid: "RunServiceTask",
      actions: ["ecs:RunTask"],
      resources: [definition.arnWithoutRevision, `${definition.arnWithoutRevision}:*`],
      conditions: { ArnEquals: { "ecs:cluster": ctx.require("compute.clusterArn") } },
    });
    roles.grant(SCHEDULER_ROLE_KEY, {
      sid: "PassTaskRolesToEcs",
      actions: ["iam:PassRole"],
      resources: [roles.role("compute.task").arn, roles.role("compute.taskExecution").arn],
      conditions: { StringEquals: { "iam:PassedToService": ECS_TASKS_SERVICE } },
    });
  }

  ctx.export("triggers.eventbridge.schedule_group_name", group.name, "Name of the EventBridge Scheduler schedule group; create schedules in it.");
  ctx.export("triggers.eventbridge.schedule_group_arn", group.arn, "ARN of the EventBridge Scheduler schedule group.");
  ctx.export("triggers.eventbridge.role_arn", roles.role(SCHEDULER_ROLE_KEY).arn, "Role ARN to give the group's schedules (their execution role).");
}

function provisionWebhook(ctx: CapabilityContext, webhook: TriggersConfig["webhook"]): void {
  const { scope, settings, infra, serviceName, workload } = ctx;
  const roles = ctx.require("foundation.roles");
  const webhookRole = roles.role(WEBHOOK_ROLE_KEY);

  const repositoryName = ctx.name("ecrRepository", WEBHOOK_FUNCTION_NAME);
  const repository = ecrRepository(scope, "triggers_webhook_ecr_repository", { name: repositoryName, keepImages: settings.ecrKeepImages });
  const pullPolicy = imagePullPolicy(scope, "triggers_webhook_image_pull_policy", {
    repositoryName: repository.name,
    functionArns: [infra.arn("lambda", `function:${functionNameOf(ctx, WEBHOOK_FUNCTION_NAME)}`)],
  });

  const { bus } = eventBus(scope, "triggers_event_bus", {
    name: ctx.name("eventBus", "events"),
    description: `Events of ${serviceName}; only its webhook function publishes here.`,
    publisherRoleArn: webhookRole.arn,
  });
  roles.grant(WEBHOOK_ROLE_KEY, { sid: "PublishToStackEventBus", actions: ["events:PutEvents"], resources: [bus.arn] });
  workload.setEnvironment("PLATFORM_EVENT_BUS_NAME", bus.name);

  // Its own group: it checks signatures and publishes events, so it may open HTTPS (EventBridge,
  // SSM, Cloudflare-free outside APIs) and nothing else; no data service admits it.
  const group = securityGroup(scope, "triggers_webhook_security_group", {
    name: ctx.name("securityGroup", WEBHOOK_FUNCTION_NAME),
    description: `Webhook function of ${serviceName}`,
    vpcId: infra.vpcId,
  });
  egressToAnywhere(scope, "triggers_webhook_egress_https", group, {
    port: HTTPS_PORT,
    description: "HTTPS to AWS APIs (EventBridge, SSM, logs) and the senders' APIs",
  });

  // Public by design (webhook senders cannot sign AWS requests): the function must verify each
  // sender's signature before acting on a request.
  const deployed = deployFunction(ctx, {
    id: "triggers_webhook",
    name: WEBHOOK_FUNCTION_NAME,
    roleKey: WEBHOOK_ROLE_KEY,
    repository,
    repositoryName,
    imageTagVariable: WEBHOOK_IMAGE_TAG_VARIABLE,
    memoryMb: webhook.memory,
    timeoutSeconds: webhook.timeout,
    environment: () => workload.environment("webhook"),
    access: { authorization: "NONE", publicBecause: "spec.triggers.webhookGateway: webhook senders cannot sign AWS requests; the function verifies each sender's signature" },
    invokeMode: webhook.invokeMode,
    dependsOn: [pullPolicy],
    securityGroupId: group.id,
    mountFileSystem: false,
  });

  ctx.export("triggers.webhook.url", deployed.url!.functionUrl, "Public URL of the webhook function; the function verifies each sender's signature.");
  ctx.export("triggers.webhook.function_arn", deployed.function.arn, "ARN of the webhook function.");
  ctx.export("triggers.webhook.ecr_repository_uri", repository.repositoryUrl, "ECR repository of the webhook function's image; push images here.");
  ctx.export("triggers.event_bus.name", bus.name, "Name of the stack's event bus; add rules to route the webhook's events.");
  ctx.export("triggers.event_bus.arn", bus.arn, "ARN of the stack's event bus.");
}

export function provision(triggers: TriggersConfig, ctx: CapabilityContext): void {
  if (triggers.eventbridge) provisionSchedules(ctx, triggers.eventbridge.scheduleGroup);
  if (triggers.webhookGateway) provisionWebhook(ctx, triggers.webhook);
}
