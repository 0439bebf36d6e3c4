import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stackFiles } from "../../src/modules/stack-files.js";
import { checkPreconditions } from "../../src/engine/plan.js";
import { AWS_NAME_LIMITS } from "../../src/engine/registry.js";
import { load, resource, resourcesOf, show, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const functions = [
  { name: "pi-chat", image: "agent" },
  { name: "claude-chat", image: "agent" },
];
/** The built-in gateway, configured as the semantic rules require. */
const GATEWAY = { webhookGateway: true, webhook: { scheme: "github", secret: "GITHUB_WEBHOOK_SECRET" } };
const SECRETS = ["GITHUB_WEBHOOK_SECRET"];
const withLambda = (triggers: Record<string, unknown>, extra: Record<string, unknown> = {}) => specYaml({ lambda: { functions }, triggers, secrets: SECRETS, ...extra });

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

  it("without schedules, lets the scheduler invoke exactly the stack's functions (and their versions), not the webhook", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" }, ...GATEWAY }));
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
    const { config } = load(specYaml({ triggers: GATEWAY, secrets: SECRETS }));
    expect(checkPreconditions(config!)).toEqual([]);
  });
});

describe("triggers capability: schedules", () => {
  const nightly = { name: "nightly", expression: "cron(0 3 * * ? *)", function: "pi-chat" };
  const schedulesSpec = (schedules: unknown[], extra: Record<string, unknown> = {}) => withLambda({ eventbridge: { scheduleGroup: "jobs", schedules } }, extra);

  it("creates each schedule in the group, with its expression, time zone and window", async () => {
    const { json } = await synthesize(schedulesSpec([{ ...nightly, timezone: "Europe/Paris", flexibleWindowMinutes: 10 }]));
    expect(resource(json, "aws_scheduler_schedule", "triggers_schedule_nightly")).toMatchObject({
      name: "nightly",
      group_name: "${aws_scheduler_schedule_group.triggers_schedule_group.name}",
      schedule_expression: "cron(0 3 * * ? *)",
      schedule_expression_timezone: "Europe/Paris",
      flexible_time_window: { mode: "FLEXIBLE", maximum_window_in_minutes: 10 },
    });
  });

  it("invokes the named function with the input as JSON, retries as configured, and sends failures to the dead-letter queue", async () => {
    const { json } = await synthesize(schedulesSpec([{ ...nightly, input: { job: "digest", days: 1 }, retry: { maximumAttempts: 2, maximumEventAgeSeconds: 600 } }]));
    expect(resource(json, "aws_scheduler_schedule", "triggers_schedule_nightly").target).toEqual({
      arn: "${aws_lambda_function.lambda_pi_chat_function.arn}",
      role_arn: "${aws_iam_role.triggers_scheduler_role.arn}",
      input: '{"job":"digest","days":1}',
      dead_letter_config: { arn: "${aws_sqs_queue.triggers_dead_letter_queue.arn}" },
      retry_policy: { maximum_retry_attempts: 2, maximum_event_age_in_seconds: 600 },
    });
  });

  it("lets the scheduler invoke exactly the functions the schedules name, and send to the dead-letter queue", async () => {
    const { json } = await synthesize(schedulesSpec([nightly, { ...nightly, name: "again", expression: "rate(1 hour)" }]));
    expect(statementsOf(json, "triggers_scheduler_policy")).toEqual([
      { Sid: "InvokeScheduledFunctions", Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "${aws_lambda_function.lambda_pi_chat_function.arn}" },
      { Sid: "SendFailedRunsToDeadLetterQueue", Effect: "Allow", Action: "sqs:SendMessage", Resource: "${aws_sqs_queue.triggers_dead_letter_queue.arn}" },
    ]);
  });

  it("runs the task on Fargate in the private subnets with the task's security group, its command overridden", async () => {
    const { json } = await synthesize(schedulesSpec([{ name: "cleanup", expression: "rate(6 hours)", task: { command: ["npm", "run", "cleanup"] } }], { compute: {} }));
    const target = resource(json, "aws_scheduler_schedule", "triggers_schedule_cleanup").target as Record<string, unknown>;
    expect(target).toMatchObject({
      arn: "${aws_ecs_cluster.compute_ecs_cluster.arn}",
      input: JSON.stringify({ containerOverrides: [{ name: "test-svc", command: ["npm", "run", "cleanup"] }] }),
      ecs_parameters: {
        task_definition_arn: "${aws_ecs_task_definition.compute_task_definition.arn_without_revision}",
        launch_type: "FARGATE",
        task_count: 1,
        network_configuration: { subnets: "${data.aws_subnets.private_subnets.ids}", security_groups: ["${aws_security_group.compute_security_group.id}"], assign_public_ip: false },
      },
    });
    expect(statementsOf(json, "triggers_scheduler_policy").map((s) => s.Sid)).toEqual(["RunServiceTask", "PassTaskRolesToEcs", "SendFailedRunsToDeadLetterQueue"]);
  });

  it("runs the task with the image's command when no command is given (no input)", async () => {
    const { json } = await synthesize(schedulesSpec([{ name: "cleanup", expression: "rate(6 hours)", task: {} }], { compute: {} }));
    expect((resource(json, "aws_scheduler_schedule", "triggers_schedule_cleanup").target as Record<string, unknown>).input).toBeUndefined();
  });

  it("creates one encrypted dead-letter queue for the stack and exports it", async () => {
    const { json, context } = await synthesize(schedulesSpec([nightly, { ...nightly, name: "again" }]));
    expect(Object.keys(resourcesOf(json, "aws_sqs_queue"))).toEqual(["triggers_dead_letter_queue"]);
    expect(resource(json, "aws_sqs_queue", "triggers_dead_letter_queue")).toMatchObject({ name: "test-svc-triggers-dlq", sqs_managed_sse_enabled: true });
    expect(context.outputs.all().map((o) => o.key)).toContain("triggers.dead_letter_queue.url");
  });

  it("creates no queue when nothing delivers to it", async () => {
    const { json, context } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" } }));
    expect(resourcesOf(json, "aws_sqs_queue")).toEqual({});
    expect(context.outputs.all().map((o) => o.key)).not.toContain("triggers.dead_letter_queue.url");
  });

  it("writes user text of the input as data, never as a Terraform expression", async () => {
    const { json } = await synthesize(schedulesSpec([{ ...nightly, input: { note: "${var.secret}" } }]));
    expect((resource(json, "aws_scheduler_schedule", "triggers_schedule_nightly").target as Record<string, unknown>).input).toBe('{"note":"$${var.secret}"}');
  });
});

describe("triggers capability: event rules", () => {
  const rulesSpec = (events: unknown[]) => withLambda({ ...GATEWAY, events });

  it("routes matching events on the stack's bus to the named function", async () => {
    const { json } = await synthesize(rulesSpec([{ name: "on-push", function: "claude-chat", pattern: { "detail-type": ["push"] } }]));
    expect(resource(json, "aws_cloudwatch_event_rule", "triggers_rule_on_push")).toMatchObject({
      name: "on-push",
      event_bus_name: "${aws_cloudwatch_event_bus.triggers_event_bus.name}",
      event_pattern: '{"detail-type":["push"]}',
    });
    expect(resource(json, "aws_cloudwatch_event_target", "triggers_rule_on_push_target")).toMatchObject({
      arn: "${aws_lambda_function.lambda_claude_chat_function.arn}",
      dead_letter_config: { arn: "${aws_sqs_queue.triggers_dead_letter_queue.arn}" },
    });
  });

  it("matches every event of the gateway when the rule has no pattern", async () => {
    const { json } = await synthesize(rulesSpec([{ name: "all", function: "pi-chat" }]));
    expect(resource(json, "aws_cloudwatch_event_rule", "triggers_rule_all").event_pattern).toBe('{"source":["platform.webhook"]}');
  });

  it("lets the bus invoke exactly the named functions, each for its own rule", async () => {
    const { json } = await synthesize(rulesSpec([{ name: "on-push", function: "claude-chat" }]));
    const permissions = Object.entries(resourcesOf(json, "aws_lambda_permission")).filter(([, p]) => p.principal === "events.amazonaws.com");
    expect(permissions).toEqual([
      [
        "triggers_rule_on_push_permission",
        {
          function_name: "${aws_lambda_function.lambda_claude_chat_function.function_name}",
          statement_id: "EventRule-on-push",
          action: "lambda:InvokeFunction",
          principal: "events.amazonaws.com",
          source_arn: "${aws_cloudwatch_event_rule.triggers_rule_on_push.arn}",
        },
      ],
    ]);
  });

  it("admits EventBridge to the dead-letter queue for the stack's rules only", async () => {
    const { json } = await synthesize(rulesSpec([{ name: "first", function: "pi-chat" }, { name: "second", function: "claude-chat" }]));
    const statements = JSON.parse(resource(json, "aws_sqs_queue_policy", "triggers_dead_letter_queue_policy").policy as string).Statement;
    expect(statements[1].Condition).toEqual({
      ArnEquals: { "aws:SourceArn": ["${aws_cloudwatch_event_rule.triggers_rule_first.arn}", "${aws_cloudwatch_event_rule.triggers_rule_second.arn}"] },
    });
  });
});

describe("triggers capability: webhookGateway", () => {
  const webhookOnly = (webhook: Record<string, unknown> = {}) =>
    specYaml({ triggers: { ...GATEWAY, webhook: { ...GATEWAY.webhook, ...webhook } }, secrets: SECRETS });
  const variablesOf = (json: TerraformJson, id: string) => (resource(json, "aws_lambda_function", id).environment as { variables: Record<string, string> }).variables;

  it("deploys the engine's gateway as a zip on Node.js 22 with its own role and log group, and no image", async () => {
    const { json, stack } = await synthesize(webhookOnly());
    expect(resource(json, "aws_iam_role", "triggers_webhook_role").name).toBe("test-svc-lambda-webhook");
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function")).toMatchObject({
      function_name: "test-svc-webhook",
      role: "${aws_iam_role.triggers_webhook_role.arn}",
      package_type: "Zip",
      filename: "${path.module}/webhook-gateway.zip",
      handler: "index.handler",
      runtime: "nodejs22.x",
      tracing_config: { mode: "Active" },
      vpc_config: { security_group_ids: ["${aws_security_group.triggers_webhook_security_group.id}"], subnet_ids: "${data.aws_subnets.private_subnets.ids}" },
    });
    expect(resource(json, "aws_cloudwatch_log_group", "triggers_webhook_log_group").name).toBe("/aws/lambda/test-svc-webhook");
    expect(resourcesOf(json, "aws_ecr_repository")).toEqual({});
    expect(json.variable?.webhook_image_tag).toBeUndefined();
    expect(stackFiles(stack).map(([name]) => name)).toEqual(["webhook-gateway.zip"]);
  });

  it("sets source_code_hash to the SHA-256 of the zip written beside the stack", async () => {
    const { json, stack } = await synthesize(webhookOnly());
    const [[, bytes]] = stackFiles(stack) as [[string, Uint8Array]];
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function").source_code_hash).toBe(createHash("sha256").update(bytes).digest("base64"));
    expect(Buffer.from(bytes).equals(readFileSync(join(import.meta.dirname, "..", "..", "dist", "gateway", "webhook-gateway.zip")))).toBe(true);
  });

  it("tells the gateway its scheme, its secret's parameter and the bus, and nothing of the stack's data", async () => {
    const { json } = await synthesize(specYaml({ cache: { engine: "redis", nodeType: "cache.t3.micro" }, lambda: { functions }, triggers: GATEWAY, secrets: SECRETS }));
    expect(variablesOf(json, "triggers_webhook_function")).toEqual({
      PLATFORM_EVENT_BUS_NAME: "${aws_cloudwatch_event_bus.triggers_event_bus.name}",
      PLATFORM_SERVICE_NAME: "test-svc",
      PLATFORM_WEBHOOK_SCHEME: "github",
      PLATFORM_WEBHOOK_SECRET_PARAMETER: "/test-svc/GITHUB_WEBHOOK_SECRET",
    });
    expect(variablesOf(json, "lambda_pi_chat_function").PLATFORM_EVENT_BUS_NAME).toBeUndefined();
  });

  it("lets the gateway's role read its one parameter, put events on the bus and write its logs, and get no grant of the stack's functions", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions }, triggers: GATEWAY, secrets: [...SECRETS, "OTHER_SECRET"] }));
    const statements = statementsOf(json, "triggers_webhook_policy");
    expect(statements.map((s) => s.Sid)).toEqual([
      "PublishToStackEventBus",
      "ReadWebhookSecret",
      "WriteFunctionLogs",
      "ManageFunctionNetworkInterfaces",
      "DescribeNetworkHasNoResourceScope",
      "XRayTracingHasNoResourceScope",
    ]);
    expect(statements.find((s) => s.Sid === "ReadWebhookSecret")).toMatchObject({
      Action: "ssm:GetParameter",
      Resource: "arn:${data.aws_partition.current_partition.partition}:ssm:us-east-1:${data.aws_caller_identity.current_account.account_id}:parameter/test-svc/GITHUB_WEBHOOK_SECRET",
    });
    expect(statementsOf(json, "lambda_pi_chat_policy").map((s) => s.Sid)).toContain("ReadStackSecrets");
  });

  it("sizes the gateway from spec.triggers.webhook, 512 MB / 30 s / buffered by default", async () => {
    const defaults = (await synthesize(webhookOnly())).json;
    expect(resource(defaults, "aws_lambda_function", "triggers_webhook_function")).toMatchObject({ memory_size: 512, timeout: 30 });
    expect(resource(defaults, "aws_lambda_function_url", "triggers_webhook_function_url").invoke_mode).toBe("BUFFERED");
    const sized = (await synthesize(webhookOnly({ memory: 1024, timeout: 10, invokeMode: "RESPONSE_STREAM" }))).json;
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

  it("creates the stack's event bus, on which only the gateway's role may put events", async () => {
    const { json } = await synthesize(webhookOnly());
    expect(resource(json, "aws_cloudwatch_event_bus", "triggers_event_bus").name).toBe("test-svc-events");
    const policy = JSON.parse(resource(json, "aws_cloudwatch_event_bus_policy", "triggers_event_bus_policy").policy as string);
    expect(policy.Statement.map((s: Record<string, unknown>) => [s.Effect, s.Principal])).toEqual([
      ["Allow", { AWS: "${aws_iam_role.triggers_webhook_role.arn}" }],
      ["Deny", "*"],
    ]);
    expect(policy.Statement[1].Condition).toEqual({ ArnNotEquals: { "aws:PrincipalArn": "${aws_iam_role.triggers_webhook_role.arn}" } });
  });

  it("does not add the gateway to the stack's functions in the context", async () => {
    const { context } = await synthesize(withLambda(GATEWAY));
    expect(context.require("lambda.functions").map((f) => f.name)).toEqual(["pi-chat", "claude-chat"]);
  });

  it("exports the gateway's URL and function and the event bus", async () => {
    const { context } = await synthesize(webhookOnly());
    expect(context.outputs.all().map((o) => o.key)).toEqual(["triggers.webhook.url", "triggers.webhook.function_arn", "triggers.event_bus.name", "triggers.event_bus.arn"]);
  });

  it("runs a team's own image instead with webhook.image: repository, image tag variable, its one parameter", async () => {
    const { json, context, stack } = await synthesize(
      specYaml({ lambda: { functions }, triggers: { webhookGateway: true, webhook: { image: "webhook", secret: "GITHUB_WEBHOOK_SECRET" } }, secrets: SECRETS }),
    );
    expect(resource(json, "aws_ecr_repository", "triggers_webhook_ecr_repository")).toMatchObject({ name: "test-svc-webhook", image_tag_mutability: "IMMUTABLE" });
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function")).toMatchObject({
      image_uri: "${aws_ecr_repository.triggers_webhook_ecr_repository.repository_url}:${var.webhook_image_tag}",
    });
    expect(variablesOf(json, "triggers_webhook_function").PLATFORM_WEBHOOK_SECRET_PARAMETER).toBe("/test-svc/GITHUB_WEBHOOK_SECRET");
    expect(statementsOf(json, "triggers_webhook_policy").map((s) => s.Sid)).toContain("ReadWebhookSecret");
    expect(statementsOf(json, "triggers_webhook_policy").map((s) => s.Sid)).not.toContain("ReadStackSecrets");
    expect(context.outputs.all().map((o) => o.key)).toContain("triggers.webhook.ecr_repository_uri");
    expect(stackFiles(stack)).toEqual([]);
  });

  it("creates nothing of the webhook when webhookGateway is false", async () => {
    const { json } = await synthesize(withLambda({ eventbridge: { scheduleGroup: "jobs" }, webhookGateway: false }));
    expect(resourcesOf(json, "aws_cloudwatch_event_bus")).toEqual({});
    expect(Object.keys(resourcesOf(json, "aws_lambda_function")).sort()).toEqual(["lambda_claude_chat_function", "lambda_pi_chat_function"]);
  });

  it("fits the gateway, scheduler, queue and bus names for a 40-character service name", async () => {
    const service = `svc-${"s".repeat(36)}`;
    const schedules = [{ name: "nightly", expression: "rate(1 day)", function: "pi-chat" }];
    const { json } = await synthesize(
      specYaml({ lambda: { functions }, triggers: { eventbridge: { scheduleGroup: "g".repeat(64), schedules }, ...GATEWAY }, secrets: SECRETS }, service),
    );
    for (const role of Object.values(resourcesOf(json, "aws_iam_role"))) expect((role.name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.iamRole);
    for (const fn of Object.values(resourcesOf(json, "aws_lambda_function"))) {
      expect((fn.function_name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.lambdaFunction);
    }
    expect((resource(json, "aws_cloudwatch_event_bus", "triggers_event_bus").name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.eventBus);
    expect((resource(json, "aws_sqs_queue", "triggers_dead_letter_queue").name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.sqsQueue);
    expect((resource(json, "aws_scheduler_schedule_group", "triggers_schedule_group").name as string).length).toBe(AWS_NAME_LIMITS.scheduleGroup);
  });
});
