// `triggers`: what runs the stack's code without a caller. `eventbridge`: a Scheduler schedule
// group, its schedules (a function or the task as target) and the role they run with.
// `webhookGateway`: the engine's own webhook gateway (or an image of the team's), publishing on the
// stack's event bus, which only it may publish to; `events`: rules on that bus routing to functions.
// Failed deliveries of schedules and rules go to one encrypted dead-letter queue.
import type { SqsQueue } from "../../../providers/aws/sqs-queue.js";
import type { EventRuleConfig, ScheduleConfig, TriggersConfig } from "../../../schema/triggers.js";
import { EVENT_SOURCE, GATEWAY_ENVIRONMENT } from "../../gateway/contract.js";
import { GATEWAY_HANDLER, GATEWAY_ZIP_FILE, gatewayPackage } from "../../gateway/package.js";
import { ecrRepository } from "../../modules/compute/ecr-repository.js";
import { imagePullPolicy } from "../../modules/lambda/image-pull-policy.js";
import { addStackFile } from "../../modules/stack-files.js";
import { deadLetterQueue, deadLetterQueuePolicy } from "../../modules/triggers/dead-letter-queue.js";
import { egressToAnywhere, securityGroup } from "../../modules/networking/security-group.js";
import { eventBus } from "../../modules/triggers/event-bus.js";
import { eventRuleToFunction } from "../../modules/triggers/event-rule.js";
import { schedule as scheduleResource } from "../../modules/triggers/schedule.js";
import { scheduleGroup } from "../../modules/triggers/schedule-group.js";
import type { CapabilityContext } from "../shared/context.js";
import { deployFunction, functionNameOf, idPart, type StackFunction } from "../shared/function.js";
import { WEBHOOK_FUNCTION_NAME } from "../shared/lambda-runtime.js";
import { secretParameterName } from "../secrets/provision.js";
import { HTTPS_PORT } from "../shared/security-groups.js";
import { SCHEDULER_ROLE_KEY, WEBHOOK_ROLE_KEY } from "./keys.js";

/** Terraform variable a deploy sets to the image tag of a gateway of the team's own image. */
export const WEBHOOK_IMAGE_TAG_VARIABLE = "webhook_image_tag";
/** ECS passes the task and execution roles to this service when Scheduler runs the task. */
const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

/** The stack's function of that (already validated) name. */
function targetFunction(ctx: CapabilityContext, name: string): StackFunction {
  const found = ctx.require("lambda.functions").find((fn) => fn.name === name);
  if (!found) throw new Error(`function "${name}" is not one of the stack's functions`);
  return found;
}

/** Lets the scheduler role run the stack's task (any revision of its definition, in its cluster). */
function grantRunTask(ctx: CapabilityContext): void {
  const roles = ctx.require("foundation.roles");
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

/**
 * A group without schedules keeps the earlier meaning: its role may invoke every function of the
 * stack (or run its task), for schedules made outside the spec.
 */
function grantForOutsideSchedules(ctx: CapabilityContext): void {
  const functions = ctx.get("lambda.functions");
  if (functions) {
    // Qualified ARNs too, so a schedule may target a version or an alias of the same functions.
    ctx.require("foundation.roles").grant(SCHEDULER_ROLE_KEY, {
      sid: "InvokeStackFunctions",
      actions: ["lambda:InvokeFunction"],
      resources: functions.flatMap((fn) => [fn.function.arn, `${fn.function.arn}:*`]),
    });
  } else {
    // The precondition guarantees compute when there is no lambda.
    grantRunTask(ctx);
  }
}

function provisionSchedules(ctx: CapabilityContext, groupName: string, schedules: ScheduleConfig[], deadLetters: () => SqsQueue): void {
  const { scope, infra } = ctx;
  const roles = ctx.require("foundation.roles");
  const group = scheduleGroup(scope, "triggers_schedule_group", { name: groupName });

  if (schedules.length === 0) {
    grantForOutsideSchedules(ctx);
  } else {
    const queue = deadLetters();
    const invoked = [...new Set(schedules.flatMap((schedule) => (schedule.function !== undefined ? [schedule.function] : [])))];
    if (invoked.length > 0) {
      roles.grant(SCHEDULER_ROLE_KEY, {
        sid: "InvokeScheduledFunctions",
        actions: ["lambda:InvokeFunction"],
        resources: invoked.map((name) => targetFunction(ctx, name).function.arn),
      });
    }
    if (schedules.some((schedule) => schedule.task !== undefined)) grantRunTask(ctx);
    roles.grant(SCHEDULER_ROLE_KEY, { sid: "SendFailedRunsToDeadLetterQueue", actions: ["sqs:SendMessage"], resources: [queue.arn] });

    for (const schedule of schedules) {
      const common = {
        roleArn: roles.role(SCHEDULER_ROLE_KEY).arn,
        deadLetterQueueArn: queue.arn,
        maximumRetryAttempts: schedule.retry.maximumAttempts,
        maximumEventAgeSeconds: schedule.retry.maximumEventAgeSeconds,
      };
      const target =
        schedule.function !== undefined
          ? { ...common, arn: targetFunction(ctx, schedule.function).function.arn, ...(schedule.input !== undefined ? { input: JSON.stringify(schedule.input) } : {}) }
          : {
              ...common,
              arn: ctx.require("compute.clusterArn"),
              // Like EventBridge's ECS targets, the input of a task target is its RunTask overrides.
              ...(schedule.task?.command ? { input: JSON.stringify({ containerOverrides: [{ name: ctx.require("compute.containerName"), command: schedule.task.command }] }) } : {}),
              ecs: {
                taskDefinitionArn: ctx.require("compute.taskDefinition").arnWithoutRevision,
                subnetIds: infra.privateSubnetIds,
                securityGroupIds: [ctx.require("foundation.securityGroups").get("compute").id],
              },
            };
      scheduleResource(scope, `triggers_schedule_${idPart(schedule.name)}`, {
        name: schedule.name,
        groupName: group.name,
        description: `${schedule.name} of ${ctx.serviceName}: ${schedule.function !== undefined ? `invokes ${schedule.function}` : "runs the task"}`,
        expression: schedule.expression,
        timezone: schedule.timezone,
        flexibleWindowMinutes: schedule.flexibleWindowMinutes,
        target,
      });
    }
  }

  ctx.export("triggers.eventbridge.schedule_group_name", group.name, "Name of the EventBridge Scheduler schedule group; the spec's schedules are in it.");
  ctx.export("triggers.eventbridge.schedule_group_arn", group.arn, "ARN of the EventBridge Scheduler schedule group.");
  ctx.export("triggers.eventbridge.role_arn", roles.role(SCHEDULER_ROLE_KEY).arn, "Role ARN the group's schedules run with.");
}

/** The gateway's function: the engine's zip, or the team's image. Returns the deployed function. */
function deployGateway(ctx: CapabilityContext, webhook: TriggersConfig["webhook"], busName: string): StackFunction {
  const { scope, settings, infra, serviceName, workload } = ctx;
  // Its own group: it checks signatures and publishes events, so it may open HTTPS (EventBridge,
  // SSM, outside APIs) and nothing else; no data service admits it.
  const group = securityGroup(scope, "triggers_webhook_security_group", {
    name: ctx.name("securityGroup", WEBHOOK_FUNCTION_NAME),
    description: `Webhook function of ${serviceName}`,
    vpcId: infra.vpcId,
  });
  egressToAnywhere(scope, "triggers_webhook_egress_https", group, {
    port: HTTPS_PORT,
    description: "HTTPS to AWS APIs (EventBridge, SSM, logs) and the senders' APIs",
  });
  const secretParameter = webhook.secret !== undefined ? secretParameterName(serviceName, webhook.secret) : undefined;
  const ownVariables = (): Array<[string, string]> => [
    [GATEWAY_ENVIRONMENT.eventBus, busName],
    ...(webhook.scheme !== undefined ? [[GATEWAY_ENVIRONMENT.scheme, webhook.scheme] as [string, string]] : []),
    ...(secretParameter !== undefined ? [[GATEWAY_ENVIRONMENT.secretParameter, secretParameter] as [string, string]] : []),
  ];
  if (secretParameter !== undefined) {
    ctx.require("foundation.roles").grant(WEBHOOK_ROLE_KEY, {
      sid: "ReadWebhookSecret",
      actions: ["ssm:GetParameter"],
      resources: [infra.arn("ssm", `parameter${secretParameter}`)],
    });
  }
  const common = {
    id: "triggers_webhook",
    name: WEBHOOK_FUNCTION_NAME,
    roleKey: WEBHOOK_ROLE_KEY,
    memoryMb: webhook.memory,
    timeoutSeconds: webhook.timeout,
    // Public by design (webhook senders cannot sign AWS requests): the gateway verifies each sender's signature.
    access: { authorization: "NONE", publicBecause: "spec.triggers.webhookGateway: webhook senders cannot sign AWS requests; the gateway verifies each sender's signature" },
    invokeMode: webhook.invokeMode,
    securityGroupId: group.id,
    mountFileSystem: false,
  } as const;

  if (webhook.image === undefined) {
    const code = gatewayPackage();
    const filename = addStackFile(scope, GATEWAY_ZIP_FILE, code.bytes);
    return deployFunction(ctx, {
      ...common,
      code: { zip: { filename, sha256: code.sha256, handler: GATEWAY_HANDLER } },
      // Only its own variables: the gateway needs nothing else of the stack.
      environment: () => [["PLATFORM_SERVICE_NAME", serviceName], ...ownVariables()],
      dependsOn: [],
    });
  }

  const repositoryName = ctx.name("ecrRepository", webhook.image);
  const repository = ecrRepository(scope, "triggers_webhook_ecr_repository", { name: repositoryName, keepImages: settings.ecrKeepImages });
  const pullPolicy = imagePullPolicy(scope, "triggers_webhook_image_pull_policy", {
    repositoryName: repository.name,
    functionArns: [infra.arn("lambda", `function:${functionNameOf(ctx, WEBHOOK_FUNCTION_NAME)}`)],
  });
  ctx.export("triggers.webhook.ecr_repository_uri", repository.repositoryUrl, "ECR repository of the webhook gateway's image; push images here.");
  return deployFunction(ctx, {
    ...common,
    code: { image: { repository, repositoryName, imageTagVariable: WEBHOOK_IMAGE_TAG_VARIABLE } },
    environment: () => [...workload.environment("webhook").filter(([name]) => name !== GATEWAY_ENVIRONMENT.eventBus), ...ownVariables()],
    dependsOn: [pullPolicy],
  });
}

function provisionWebhook(ctx: CapabilityContext, triggers: TriggersConfig, deadLetters: () => SqsQueue): string[] {
  const { scope, serviceName, workload } = ctx;
  const roles = ctx.require("foundation.roles");
  const webhookRole = roles.role(WEBHOOK_ROLE_KEY);

  const busName = ctx.name("eventBus", "events");
  const { bus } = eventBus(scope, "triggers_event_bus", {
    name: busName,
    description: `Events of ${serviceName}; only its webhook gateway publishes here.`,
    publisherRoleArn: webhookRole.arn,
  });
  roles.grant(WEBHOOK_ROLE_KEY, { sid: "PublishToStackEventBus", actions: ["events:PutEvents"], resources: [bus.arn] });
  workload.setEnvironment("PLATFORM_EVENT_BUS_NAME", bus.name);

  const deployed = deployGateway(ctx, triggers.webhook, bus.name);
  const ruleArns = triggers.events.map((rule: EventRuleConfig) => {
    const fn = targetFunction(ctx, rule.function);
    const { rule: created } = eventRuleToFunction(scope, `triggers_rule_${idPart(rule.name)}`, {
      name: rule.name,
      description: `${rule.name} of ${serviceName}: sends matching events to ${rule.function}`,
      busName: bus.name,
      pattern: JSON.stringify(rule.pattern ?? { source: [EVENT_SOURCE] }),
      functionArn: fn.function.arn,
      functionName: fn.function.functionName,
      deadLetterQueueArn: deadLetters().arn,
    });
    return created.arn;
  });

  ctx.export("triggers.webhook.url", deployed.url!.functionUrl, "Public URL of the webhook gateway; it verifies each sender's signature.");
  ctx.export("triggers.webhook.function_arn", deployed.function.arn, "ARN of the webhook gateway's function.");
  ctx.export("triggers.event_bus.name", bus.name, "Name of the stack's event bus; the webhook gateway publishes there and spec.triggers.events route from it.");
  ctx.export("triggers.event_bus.arn", bus.arn, "ARN of the stack's event bus.");
  return ruleArns;
}

export function provision(triggers: TriggersConfig, ctx: CapabilityContext): void {
  // One dead-letter queue for the stack's schedules and rules, created when the first needs it.
  let queue: SqsQueue | undefined;
  const deadLetters = () => (queue ??= deadLetterQueue(ctx.scope, "triggers_dead_letter_queue", { name: ctx.name("sqsQueue", "triggers-dlq") }));

  if (triggers.eventbridge) provisionSchedules(ctx, triggers.eventbridge.scheduleGroup, triggers.eventbridge.schedules, deadLetters);
  const ruleArns = triggers.webhookGateway ? provisionWebhook(ctx, triggers, deadLetters) : [];
  if (queue) {
    deadLetterQueuePolicy(ctx.scope, "triggers_dead_letter_queue_policy", { queue, ruleArns });
    ctx.export("triggers.dead_letter_queue.url", queue.url, "URL of the SQS queue that keeps schedule runs and rule deliveries that failed every retry (14 days).");
    ctx.export("triggers.dead_letter_queue.arn", queue.arn, "ARN of the triggers' dead-letter queue.");
  }
}
