import { describe, expect, it } from "vitest";
import { SqsQueue } from "../../providers/aws/sqs-queue.js";
import { SqsQueuePolicy } from "../../providers/aws/sqs-queue-policy.js";
import { checkPreconditions } from "../../src/engine/plan.js";
import { AWS_NAME_LIMITS, STATEFUL_TYPES } from "../../src/engine/registry.js";
import { FORCE_NEW } from "../../src/diff/replacement.js";
import { findingsOf } from "../policy/helpers.js";
import { load, resource, resourcesOf, show, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const queueOf = (json: TerraformJson, id = "queue_main") => resource(json, "aws_sqs_queue", id);
const statementsOf = (json: TerraformJson, policy: string) =>
  (JSON.parse(resource(json, "aws_iam_role_policy", policy).policy as string) as { Statement: Array<Record<string, unknown>> }).Statement;
const containerOf = (json: TerraformJson) =>
  (JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Array<Record<string, unknown>>)[0]!;
const worker = (over: Record<string, unknown> = {}) => ({ functions: [{ name: "worker", image: "worker", ...over }] });
const TLS_DENY = {
  Sid: "DenyRequestsWithoutTls",
  Effect: "Deny",
  Principal: "*",
  Action: "sqs:*",
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};

describe("queue capability", () => {
  it("builds an encrypted standard queue and a dead-letter queue from the defaults", async () => {
    const { json } = await synthesize(specYaml({ queue: {} }));
    expect(queueOf(json)).toMatchObject({
      name: "test-svc",
      fifo_queue: false,
      sqs_managed_sse_enabled: true,
      visibility_timeout_seconds: 30,
      message_retention_seconds: 4 * 86400,
    });
    expect(JSON.parse(queueOf(json).redrive_policy as string)).toEqual({ deadLetterTargetArn: "${aws_sqs_queue.queue_dead_letter.arn}", maxReceiveCount: 5 });
    expect(queueOf(json, "queue_dead_letter")).toMatchObject({ name: "test-svc-dlq", sqs_managed_sse_enabled: true, message_retention_seconds: 14 * 86400 });
    expect(queueOf(json, "queue_dead_letter")).not.toHaveProperty("redrive_policy");
  });

  it("takes every field from the spec", async () => {
    const { json } = await synthesize(specYaml({ queue: { visibilityTimeout: 300, retentionDays: 14, maxReceiveCount: 2 } }));
    expect(queueOf(json)).toMatchObject({ visibility_timeout_seconds: 300, message_retention_seconds: 14 * 86400 });
    expect(JSON.parse(queueOf(json).redrive_policy as string)).toMatchObject({ maxReceiveCount: 2 });
  });

  it("names a FIFO queue and its dead-letter queue with .fifo, within 80 characters for a 40-character service name", async () => {
    const service = "a".repeat(40);
    const { json } = await synthesize(specYaml({ queue: { fifo: true } }, service));
    for (const id of ["queue_main", "queue_dead_letter"]) {
      const queue = queueOf(json, id);
      expect(queue.fifo_queue).toBe(true);
      expect(queue.name as string).toMatch(/\.fifo$/);
      expect((queue.name as string).length).toBeLessThanOrEqual(80);
    }
    expect(AWS_NAME_LIMITS.sqsQueue + ".fifo".length).toBe(80);
  });

  it("refuses requests without TLS on both queues", async () => {
    const { json } = await synthesize(specYaml({ queue: {} }));
    for (const [policy, queue] of [["queue_main_policy", "queue_main"], ["queue_dead_letter_policy", "queue_dead_letter"]] as const) {
      const rendered = resource(json, "aws_sqs_queue_policy", policy);
      expect(rendered.queue_url).toBe(`\${aws_sqs_queue.${queue}.url}`);
      expect(JSON.parse(rendered.policy as string).Statement).toEqual([{ ...TLS_DENY, Resource: `\${aws_sqs_queue.${queue}.arn}` }]);
    }
  });

  it("grants the task and every function exactly send, receive, delete and get-attributes on the main queue", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, lambda: worker(), queue: {} }));
    const expected = {
      Sid: "UseStackQueue",
      Effect: "Allow",
      Action: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage", "sqs:SendMessage"],
      Resource: "${aws_sqs_queue.queue_main.arn}",
    };
    expect(statementsOf(json, "compute_task_policy")).toContainEqual(expected);
    expect(statementsOf(json, "lambda_worker_policy")).toContainEqual(expected);
    expect(statementsOf(json, "compute_task_execution_policy").map((s) => s.Sid)).not.toContain("UseStackQueue");
  });

  it("gives containers and functions QUEUE_URL and QUEUE_ARN", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, lambda: worker(), queue: {} }));
    const expected = [
      { name: "QUEUE_ARN", value: "${aws_sqs_queue.queue_main.arn}" },
      { name: "QUEUE_URL", value: "${aws_sqs_queue.queue_main.url}" },
    ];
    expect(containerOf(json).environment).toEqual(expect.arrayContaining(expected));
    const variables = (resource(json, "aws_lambda_function", "lambda_worker_function").environment as { variables: Record<string, string> }).variables;
    expect(variables).toMatchObject({ QUEUE_ARN: expected[0]!.value, QUEUE_URL: expected[1]!.value });
  });

  it("subscribes the consumer function with partial batch responses, after its function and role policy exist", async () => {
    const { json } = await synthesize(specYaml({ lambda: worker(), queue: { consumer: "worker", visibilityTimeout: 120, batchSize: 3 } }));
    expect(resource(json, "aws_lambda_event_source_mapping", "queue_consumer")).toMatchObject({
      event_source_arn: "${aws_sqs_queue.queue_main.arn}",
      function_name: "test-svc-worker",
      batch_size: 3,
      function_response_types: ["ReportBatchItemFailures"],
      depends_on: ["aws_iam_role_policy.lambda_worker_policy", "aws_lambda_function.lambda_worker_function"],
    });
    expect(resource(json, "aws_lambda_function", "lambda_worker_function").function_name).toBe("test-svc-worker");
  });

  it("creates nothing but the two queues and their policies without a consumer", async () => {
    const { json } = await synthesize(specYaml({ queue: {} }));
    expect(Object.keys(json.resource ?? {}).sort()).toEqual(["aws_sqs_queue", "aws_sqs_queue_policy"]);
    expect(resourcesOf(json, "aws_lambda_event_source_mapping")).toEqual({});
  });

  it("exports the queue's URL and ARN and the dead-letter queue's ARN", async () => {
    const { context, json } = await synthesize(specYaml({ queue: {} }));
    expect(context.outputs.all().map((o) => o.key)).toEqual(["queue.url", "queue.arn", "queue.dlq_arn"]);
    expect(json.output?.queue_url?.value).toBe("${aws_sqs_queue.queue_main.url}");
    expect(json.output?.queue_dlq_arn?.value).toBe("${aws_sqs_queue.queue_dead_letter.arn}");
  });

  it("refuses a consumer that is not a function of the stack", () => {
    const { diagnostics } = load(specYaml({ lambda: worker(), queue: { consumer: "other" } }));
    expect(diagnostics.map(show)).toEqual([expect.stringContaining('spec.queue.consumer: "other" is not a function in spec.lambda.functions')]);
  });

  it("refuses a visibility timeout shorter than the consumer's timeout, and accepts an equal one", () => {
    const short = load(specYaml({ lambda: worker({ timeout: 60 }), queue: { consumer: "worker", visibilityTimeout: 59 } }));
    expect(short.diagnostics.map(show)).toEqual([expect.stringContaining("spec.queue.visibilityTimeout: 59 seconds is shorter than the timeout of its consumer \"worker\"")]);
    expect(load(specYaml({ lambda: worker({ timeout: 60 }), queue: { consumer: "worker", visibilityTimeout: 60 } })).diagnostics).toEqual([]);
  });

  it("requires lambda for a consumer", () => {
    const { config } = load(specYaml({ compute: {}, queue: { consumer: "worker" } }));
    expect(checkPreconditions(config!).map((d) => `${d.path}: ${d.message}`)).toEqual([expect.stringMatching(/^spec\.queue\.consumer: .*lambda/)]);
  });

  it("tells diff that replacing a queue loses its messages, and which attributes replace it", () => {
    expect(FORCE_NEW.aws_sqs_queue?.forceNew).toEqual(expect.arrayContaining(["name", "fifo_queue"]));
    expect(STATEFUL_TYPES.aws_sqs_queue?.loses).toMatch(/message/);
  });

  describe("policy rules", () => {
    const ids = (findings: Array<{ ruleId: string }>) => findings.map((f) => f.ruleId);
    it("PLT-SQS-001: a queue without SSE breaks it; SQS-managed SSE or a KMS key complies", () => {
      expect(ids(findingsOf((stack) => new SqsQueue(stack, "q", { name: "q" })))).toContain("PLT-SQS-001");
      expect(ids(findingsOf((stack) => new SqsQueue(stack, "q", { name: "q", sqsManagedSseEnabled: true })))).not.toContain("PLT-SQS-001");
      expect(ids(findingsOf((stack) => new SqsQueue(stack, "q", { name: "q", kmsMasterKeyId: "alias/aws/sqs" })))).not.toContain("PLT-SQS-001");
    });
    it("PLT-SQS-002: a queue policy without the TLS deny breaks it", () => {
      const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Resource: "arn", ...statement }] });
      const build = (statement: Record<string, unknown>) => findingsOf((stack) => new SqsQueuePolicy(stack, "p", { queueUrl: "u", policy: policy(statement) }));
      expect(ids(build(TLS_DENY))).not.toContain("PLT-SQS-002");
      expect(ids(build({ ...TLS_DENY, Effect: "Allow" }))).toContain("PLT-SQS-002");
      expect(ids(build({ ...TLS_DENY, Action: "sqs:SendMessage" }))).toContain("PLT-SQS-002");
      expect(ids(build({ ...TLS_DENY, Condition: { Bool: { "aws:SecureTransport": "true" } } }))).toContain("PLT-SQS-002");
    });
  });
});
