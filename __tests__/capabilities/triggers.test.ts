import { describe, expect, it } from "vitest";
import { checkPreconditions } from "../../src/engine/plan.js";
import { AWS_NAME_LIMITS } from "../../src/engine/registry.js";
import { load, resource, resourcesOf, show, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const functions = [
  { name: "pi-chat", image: "agent" },
  { name: "claude-chat", image: "agent" },
];
const withLambda = (triggers: Record<string, unknown>, extra: Record<string, unknown> = {}) => specYaml({ lambda: { functions }, triggers, ...extra });

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
const statementsOf = (json: TerraformJson, policyId: string): Statement[] =>
  (JSON.parse(resource(json, "aws_iam_role_policy", policyId).policy as string) as { Statement: Statement[] }).Statement;
const trustOf = (json: TerraformJson, roleId: string) =>
  (JSON.parse(resource(json, "aws_iam_role", roleId).assume_role_policy as string) as { Statement: Array<Record<string, unknown>> }).Statement[0]!;

describe("triggers capability: eventbridge", () => {
  it("creates the schedule group named in the spec", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "nightly-jobs" } }));
    expect(resource(json, "aws_scheduler_schedule_group", "triggers_schedule_group")).toEqual({ name: "nightly-jobs" });
  });

  it("lets only Scheduler assume its role, for this account and this schedule group", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "nightly-jobs" } }));
    expect(trustOf(json, "triggers_scheduler_role")).toEqual({
      Effect: "Allow",
      Principal: { Service: "scheduler.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current_account.account_id}" },
        ArnLike: {
          "aws:SourceArn":
            "arn:${data.aws_partition.current_partition.partition}:scheduler:us-east-1:${data.aws_caller_identity.current_account.account_id}:schedule-group/nightly-jobs",
        },
      },
    });
  });

  it("lets the scheduler invoke exactly the stack's functions (and their versions), not the webhook", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" }, webhookGateway: true }));
    expect(statementsOf(json, "triggers_scheduler_policy")).toEqual([
      {
        Sid: "InvokeStackFunctions",
        Effect: "Allow",
        Action: "lambda:InvokeFunction",
        Resource: [
          "${aws_lambda_function.lambda_pi_chat_function.arn}",
          "${aws_lambda_function.lambda_pi_chat_function.arn}:*",
          "${aws_lambda_function.lambda_claude_chat_function.arn}",
          "${aws_lambda_function.lambda_claude_chat_function.arn}:*",
        ],
      },
    ]);
  });

  it("with compute only, lets the scheduler run the task family in the cluster and pass its roles to ECS only", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, triggers: { eventbridge: { scheduleGroup: "jobs" } } }));
    expect(statementsOf(json, "triggers_scheduler_policy")).toEqual([
      {
        Sid: "RunServiceTask",
        Effect: "Allow",
        Action: "ecs:RunTask",
        Resource: [
          "${aws_ecs_task_definition.compute_task_definition.arn_without_revision}",
          "${aws_ecs_task_definition.compute_task_definition.arn_without_revision}:*",
        ],
        Condition: { ArnEquals: { "ecs:cluster": "${aws_ecs_cluster.compute_ecs_cluster.arn}" } },
      },
      {
        Sid: "PassTaskRolesToEcs",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: ["${aws_iam_role.compute_task_role.arn}", "${aws_iam_role.compute_task_execution_role.arn}"],
        Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
      },
    ]);
  });

  it("with both lambda and compute, schedules invoke the functions and cannot run the task", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" } }, { compute: {} }));
    expect(statementsOf(json, "triggers_scheduler_policy").map((s) => s.Sid)).toEqual(["InvokeStackFunctions"]);
  });

  it("exports the group's name and ARN and the role ARN for schedules", async () => {
    const { context } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" } }));
    expect(context.outputs.all().map((o) => o.key).filter((k) => k.startsWith("triggers."))).toEqual([
      "triggers.eventbridge.schedule_group_name",
      "triggers.eventbridge.schedule_group_arn",
      "triggers.eventbridge.role_arn",
    ]);
  });

  it("refuses eventbridge without lambda or compute, pointing at spec.triggers.eventbridge", () => {
    const { config } = load(specYaml({ triggers: { eventbridge: { scheduleGroup: "jobs" } } }));
    const problems = checkPreconditions(config!);
    expect(problems.map(show)).toEqual([
      expect.stringMatching(/^test\.yaml:\d+:\d+ spec\.triggers\.eventbridge: requires spec\.lambda or spec\.compute: /),
    ]);
  });

  it("accepts a webhook gateway without lambda or compute", () => {
    const { config } = load(specYaml({ triggers: { webhookGateway: true } }));
    expect(checkPreconditions(config!)).toEqual([]);
  });
});

describe("triggers capability: webhookGateway", () => {
  const webhookOnly = (webhook: Record<string, unknown> = {}) => specYaml({ triggers: { webhookGateway: true, ...webhook } });

  it("creates the webhook function with its own repository, role, log group and image tag variable", async () => {
    const { json } = await synthesize(webhookOnly());
    expect(resource(json, "aws_ecr_repository", "triggers_webhook_ecr_repository")).toMatchObject({ name: "test-svc-webhook", image_tag_mutability: "IMMUTABLE" });
    expect(resource(json, "aws_iam_role", "triggers_webhook_role").name).toBe("test-svc-lambda-webhook");
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function")).toMatchObject({
      function_name: "test-svc-webhook",
      role: "${aws_iam_role.triggers_webhook_role.arn}",
      image_uri: "${aws_ecr_repository.triggers_webhook_ecr_repository.repository_url}:${var.webhook_image_tag}",
      tracing_config: { mode: "Active" },
      vpc_config: { security_group_ids: ["${aws_security_group.triggers_webhook_security_group.id}"], subnet_ids: "${data.aws_subnets.private_subnets.ids}" },
    });
    expect(resource(json, "aws_cloudwatch_log_group", "triggers_webhook_log_group").name).toBe("/aws/lambda/test-svc-webhook");
    expect(json.variable?.webhook_image_tag).toMatchObject({ type: "string", nullable: false });
  });

  it("sizes the webhook function from spec.triggers.webhook, 512 MB / 30 s / buffered by default", async () => {
    const defaults = (await synthesize(webhookOnly())).json;
    expect(resource(defaults, "aws_lambda_function", "triggers_webhook_function")).toMatchObject({ memory_size: 512, timeout: 30 });
    expect(resource(defaults, "aws_lambda_function_url", "triggers_webhook_function_url").invoke_mode).toBe("BUFFERED");
    const sized = (await synthesize(webhookOnly({ webhook: { memory: 1024, timeout: 10, invokeMode: "RESPONSE_STREAM" } }))).json;
    expect(resource(sized, "aws_lambda_function", "triggers_webhook_function")).toMatchObject({ memory_size: 1024, timeout: 10 });
    expect(resource(sized, "aws_lambda_function_url", "triggers_webhook_function_url").invoke_mode).toBe("RESPONSE_STREAM");
  });

  it("makes the webhook URL public through exactly the two URL permissions", async () => {
    const { json } = await synthesize(webhookOnly());
    expect(resource(json, "aws_lambda_function_url", "triggers_webhook_function_url").authorization_type).toBe("NONE");
    expect(resourcesOf(json, "aws_lambda_permission")).toEqual({
      triggers_webhook_function_url_public_access: {
        function_name: "${aws_lambda_function.triggers_webhook_function.function_name}",
        statement_id: "FunctionURLAllowPublicAccess",
        action: "lambda:InvokeFunctionUrl",
        principal: "*",
        function_url_auth_type: "NONE",
      },
      triggers_webhook_function_url_public_invoke: {
        function_name: "${aws_lambda_function.triggers_webhook_function.function_name}",
        statement_id: "FunctionURLAllowInvokeAction",
        action: "lambda:InvokeFunction",
        principal: "*",
        invoked_via_function_url: true,
      },
    });
    expect((json.terraform?.required_providers as Record<string, { version: string }>)["aws"]?.version).toBe("~> 6.28");
  });

  it("creates the stack's event bus, on which only the webhook's role may put events", async () => {
    const { json } = await synthesize(webhookOnly());
    expect(resource(json, "aws_cloudwatch_event_bus", "triggers_event_bus").name).toBe("test-svc-events");
    const policy = JSON.parse(resource(json, "aws_cloudwatch_event_bus_policy", "triggers_event_bus_policy").policy as string);
    expect(policy.Statement.map((s: Record<string, unknown>) => [s.Effect, s.Principal])).toEqual([
      ["Allow", { AWS: "${aws_iam_role.triggers_webhook_role.arn}" }],
      ["Deny", "*"],
    ]);
    expect(policy.Statement[1].Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": "${aws_iam_role.triggers_webhook_role.arn}" } });
  });

  it("grants the webhook's role PutEvents on the stack's bus only", async () => {
    const { json } = await synthesize(webhookOnly());
    expect(statementsOf(json, "triggers_webhook_policy").find((s) => s.Sid === "PublishToStackEventBus")).toMatchObject({
      Action: "events:PutEvents",
      Resource: "${aws_cloudwatch_event_bus.triggers_event_bus.arn}",
    });
  });

  it("tells the webhook, and only the webhook, the event bus name", async () => {
    const { json } = await synthesize(withLambda({ webhookGateway: true }));
    const variables = (id: string) => (resource(json, "aws_lambda_function", id).environment as { variables: Record<string, string> }).variables;
    expect(variables("triggers_webhook_function").PLATFORM_EVENT_BUS_NAME).toBe("${aws_cloudwatch_event_bus.triggers_event_bus.name}");
    expect(variables("lambda_pi_chat_function").PLATFORM_EVENT_BUS_NAME).toBeUndefined();
  });

  it("does not add the webhook to the stack's functions in the context", async () => {
    const { context } = await synthesize(withLambda({ webhookGateway: true }));
    expect(context.require("lambda.functions").map((f) => f.name)).toEqual(["pi-chat", "claude-chat"]);
  });

  it("exports the webhook URL, function, repository and the event bus", async () => {
    const { context } = await synthesize(webhookOnly());
    expect(context.outputs.all().map((o) => o.key)).toEqual([
      "triggers.webhook.url",
      "triggers.webhook.function_arn",
      "triggers.webhook.ecr_repository_uri",
      "triggers.event_bus.name",
      "triggers.event_bus.arn",
    ]);
  });

  it("creates nothing of the webhook when webhookGateway is false", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" }, webhookGateway: false }));
    expect(resourcesOf(json, "aws_cloudwatch_event_bus")).toEqual({});
    expect(Object.keys(resourcesOf(json, "aws_lambda_function")).sort()).toEqual(["lambda_claude_chat_function", "lambda_pi_chat_function"]);
  });

  it("fits the webhook, scheduler and bus names for a 40-character service name", async () => {
    const service = `svc-${"s".repeat(36)}`;
    const { json } = await synthesize(
      specYaml({ lambda: { functions }, triggers: { eventbridge: { scheduleGroup: "g".repeat(64) }, webhookGateway: true } }, service),
    );
    for (const role of Object.values(resourcesOf(json, "aws_iam_role"))) expect((role.name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.iamRole);
    for (const fn of Object.values(resourcesOf(json, "aws_lambda_function"))) {
      expect((fn.function_name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.lambdaFunction);
    }
    expect((resource(json, "aws_cloudwatch_event_bus", "triggers_event_bus").name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.eventBus);
    expect((resource(json, "aws_scheduler_schedule_group", "triggers_schedule_group").name as string).length).toBe(AWS_NAME_LIMITS.scheduleGroup);
  });
});
