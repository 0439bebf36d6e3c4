import { describe, expect, it } from "vitest";
import { deadLetterQueue, deadLetterQueuePolicy, DEAD_LETTER_RETENTION_SECONDS } from "../../../src/modules/triggers/dead-letter-queue.js";
import { eventRuleToFunction } from "../../../src/modules/triggers/event-rule.js";
import { schedule, type ScheduleArgs } from "../../../src/modules/triggers/schedule.js";
import { zipFunction } from "../../../src/modules/lambda/zip-function.js";
import { synthModule } from "../../helpers/module.js";
import { resource } from "../../helpers/spec.js";

const target: ScheduleArgs["target"] = {
  arn: "arn:aws:lambda:eu-west-1:1:function:svc-report",
  roleArn: "arn:aws:iam::1:role/svc-scheduler",
  deadLetterQueueArn: "arn:aws:sqs:eu-west-1:1:svc-triggers-dlq",
  maximumRetryAttempts: 3,
  maximumEventAgeSeconds: 3600,
};
const base: ScheduleArgs = { name: "nightly", groupName: "svc", description: "nightly of svc", expression: "cron(0 3 * * ? *)", timezone: "Europe/Paris", flexibleWindowMinutes: 0, target };

describe("schedule module", () => {
  it("runs on time in its time zone, with the retry policy and the dead-letter queue", () => {
    const json = synthModule((scope) => schedule(scope, "s", base));
    expect(resource(json, "aws_scheduler_schedule", "s")).toEqual({
      name: "nightly",
      group_name: "svc",
      description: "nightly of svc",
      schedule_expression: "cron(0 3 * * ? *)",
      schedule_expression_timezone: "Europe/Paris",
      flexible_time_window: { mode: "OFF" },
      target: {
        arn: target.arn,
        role_arn: target.roleArn,
        dead_letter_config: { arn: target.deadLetterQueueArn },
        retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 },
      },
    });
  });

  it("uses a flexible window when given minutes", () => {
    const json = synthModule((scope) => schedule(scope, "s", { ...base, flexibleWindowMinutes: 15 }));
    expect(resource(json, "aws_scheduler_schedule", "s").flexible_time_window).toEqual({ mode: "FLEXIBLE", maximum_window_in_minutes: 15 });
  });

  it("passes the input as given", () => {
    const json = synthModule((scope) => schedule(scope, "s", { ...base, target: { ...target, input: '{"job":"nightly"}' } }));
    expect((resource(json, "aws_scheduler_schedule", "s").target as Record<string, unknown>).input).toBe('{"job":"nightly"}');
  });

  it("runs one Fargate task in the given subnets and groups without a public address", () => {
    const ecs = { taskDefinitionArn: "arn:aws:ecs:eu-west-1:1:task-definition/svc", subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-task"] };
    const json = synthModule((scope) => schedule(scope, "s", { ...base, target: { ...target, arn: "arn:aws:ecs:eu-west-1:1:cluster/svc", ecs } }));
    expect((resource(json, "aws_scheduler_schedule", "s").target as Record<string, unknown>).ecs_parameters).toEqual({
      task_definition_arn: ecs.taskDefinitionArn,
      launch_type: "FARGATE",
      task_count: 1,
      network_configuration: { subnets: ["subnet-a", "subnet-b"], security_groups: ["sg-task"], assign_public_ip: false },
    });
  });
});

describe("event rule module", () => {
  const args = { name: "on-push", description: "d", busName: "svc-events", pattern: '{"source":["platform.webhook"]}', functionArn: "arn:fn", functionName: "svc-deployer", deadLetterQueueArn: "arn:dlq" };

  it("matches the pattern on the stack's bus and targets the function with a dead-letter queue", () => {
    const json = synthModule((scope) => eventRuleToFunction(scope, "r", args));
    expect(resource(json, "aws_cloudwatch_event_rule", "r")).toEqual({ name: "on-push", description: "d", event_bus_name: "svc-events", event_pattern: args.pattern });
    expect(resource(json, "aws_cloudwatch_event_target", "r_target")).toEqual({
      rule: "${aws_cloudwatch_event_rule.r.name}",
      event_bus_name: "svc-events",
      target_id: "function",
      arn: "arn:fn",
      dead_letter_config: { arn: "arn:dlq" },
    });
  });

  it("lets EventBridge invoke the function for this rule only", () => {
    const json = synthModule((scope) => eventRuleToFunction(scope, "r", args));
    expect(resource(json, "aws_lambda_permission", "r_permission")).toEqual({
      function_name: "svc-deployer",
      statement_id: "EventRule-on-push",
      action: "lambda:InvokeFunction",
      principal: "events.amazonaws.com",
      source_arn: "${aws_cloudwatch_event_rule.r.arn}",
    });
  });
});

describe("dead-letter queue module", () => {
  it("is encrypted with SQS-managed keys and keeps messages 14 days", () => {
    const json = synthModule((scope) => deadLetterQueue(scope, "q", { name: "svc-triggers-dlq" }));
    expect(resource(json, "aws_sqs_queue", "q")).toEqual({ name: "svc-triggers-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: DEAD_LETTER_RETENTION_SECONDS });
  });

  it("refuses plain HTTP and admits only the named rules", () => {
    const json = synthModule((scope) => deadLetterQueuePolicy(scope, "q_policy", { queue: deadLetterQueue(scope, "q", { name: "svc-triggers-dlq" }), ruleArns: ["arn:rule-a"] }));
    const statements = JSON.parse(resource(json, "aws_sqs_queue_policy", "q_policy").policy as string).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(["DenyInsecureTransport", "EventRulesSendFailedEvents"]);
    expect(statements[1]).toMatchObject({ Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Condition: { ArnEquals: { "aws:SourceArn": ["arn:rule-a"] } } });
  });

  it("has no statement for EventBridge when no rule uses it", () => {
    const json = synthModule((scope) => deadLetterQueuePolicy(scope, "q_policy", { queue: deadLetterQueue(scope, "q", { name: "n" }), ruleArns: [] }));
    expect(JSON.parse(resource(json, "aws_sqs_queue_policy", "q_policy").policy as string).Statement).toHaveLength(1);
  });
});

describe("zip function module", () => {
  it("runs the zip on Node.js 22 (arm64), traced, in the VPC, redeployed when the hash changes", () => {
    const json = synthModule((scope) =>
      zipFunction(scope, "f", {
        functionName: "svc-webhook",
        description: "d",
        roleArn: "arn:role",
        filename: "${path.module}/webhook-gateway.zip",
        sourceCodeHash: "abc=",
        handler: "index.handler",
        memoryMb: 512,
        timeoutSeconds: 30,
        environment: () => [["B", "2"], ["A", "1"]],
        subnetIds: ["subnet-a"],
        securityGroupIds: ["sg-l"],
        dependsOn: [],
      }),
    );
    expect(resource(json, "aws_lambda_function", "f")).toMatchObject({
      package_type: "Zip",
      filename: "${path.module}/webhook-gateway.zip",
      source_code_hash: "abc=",
      handler: "index.handler",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      tracing_config: { mode: "Active" },
      vpc_config: { subnet_ids: ["subnet-a"], security_group_ids: ["sg-l"] },
      environment: { variables: { A: "1", B: "2" } },
    });
  });
});

