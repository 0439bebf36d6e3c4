import { describe, expect, it } from "vitest";
import { claimedNames, nameCollisions, type ClaimKind } from "../../src/engine/claims.js";
import { loadValid, resourcesOf, specYaml, synthesize } from "../helpers/spec.js";

const database = { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" };
const everything = {
  compute: { port: 8080 },
  database,
  cache: { engine: "redis", nodeType: "cache.t3.micro" },
  storage: { accessPoint: { path: "/data" } },
  serviceDiscovery: { namespace: "orders.internal" },
  lambda: { functions: [{ name: "api", image: "api" }, { name: "worker", image: "api" }, { name: "chat", image: "chat-image" }] },
  triggers: { eventbridge: { scheduleGroup: "orders-jobs" }, webhookGateway: true, webhook: { image: "webhook", secret: "API_KEY" } },
  queue: { fifo: true },
  secrets: ["API_KEY"],
};

/** Each account-, region- or VPC-unique name attribute of the stack's resources, by claim kind. */
const UNIQUE_ATTRIBUTES: Array<[string, string, ClaimKind]> = [
  ["aws_iam_role", "name", "IAM role"],
  ["aws_lambda_function", "function_name", "Lambda function"],
  ["aws_ecr_repository", "name", "ECR repository"],
  ["aws_ecs_cluster", "name", "ECS cluster"],
  ["aws_ecs_task_definition", "family", "ECS task family"],
  ["aws_cloudwatch_log_group", "name", "CloudWatch log group"],
  ["aws_lb_target_group", "name", "target group"],
  ["aws_db_instance", "identifier", "RDS instance identifier"],
  ["aws_db_subnet_group", "name", "DB subnet group"],
  ["aws_elasticache_replication_group", "replication_group_id", "ElastiCache replication group"],
  ["aws_elasticache_subnet_group", "name", "ElastiCache subnet group"],
  ["aws_efs_file_system", "creation_token", "EFS creation token"],
  ["aws_cloudwatch_event_bus", "name", "EventBridge event bus"],
  ["aws_scheduler_schedule_group", "name", "EventBridge Scheduler schedule group"],
  ["aws_service_discovery_private_dns_namespace", "name", "Cloud Map namespace"],
  ["aws_sqs_queue", "name", "SQS queue"],
];

describe("the names a spec claims", () => {
  it("are exactly the unique names its synthesized stack uses, for every kind", async () => {
    const config = loadValid(specYaml(everything, "orders"));
    const { json } = await synthesize(config);
    const claimed = claimedNames(config);
    for (const [type, attribute, kind] of UNIQUE_ATTRIBUTES) {
      const used = Object.values(resourcesOf(json, type)).map((body) => body[attribute] as string).sort();
      expect(used.length, type).toBeGreaterThan(0);
      expect(claimed.filter((c) => c.kind === kind).map((c) => c.name).sort(), kind).toEqual(used);
    }
  });

  it("point at the field each name comes from", () => {
    const config = loadValid(specYaml(everything, "orders"));
    const byName = new Map(claimedNames(config).map((c) => [`${c.kind}:${c.name}`, c]));
    expect(byName.get("Cloud Map namespace:orders.internal")).toMatchObject({ path: "spec.serviceDiscovery.namespace", ...config.locate(["spec", "serviceDiscovery", "namespace"]) });
    expect(byName.get("Lambda function:orders-chat")).toMatchObject({ path: "spec.lambda.functions[2].name" });
    expect(byName.get("ECR repository:orders-chat-image")).toMatchObject({ path: "spec.lambda.functions[2].image" });
    expect(byName.get("ECS cluster:orders")).toMatchObject({ path: "metadata.name", ...config.locate(["metadata", "name"]) });
  });
});

describe("name collisions between specs checked together", () => {
  const claimsOf = (file: string, spec: Record<string, unknown>, name: string) => ({ file, claims: claimedNames(loadValid(specYaml(spec, name), file)) });

  it("reports a shared Cloud Map namespace and schedule group in the later file, with both files and positions", () => {
    const a = claimsOf("a.yaml", { compute: {}, serviceDiscovery: { namespace: "shared.internal" }, triggers: { eventbridge: { scheduleGroup: "jobs" } } }, "orders");
    const b = claimsOf("b.yaml", { compute: {}, serviceDiscovery: { namespace: "shared.internal" }, triggers: { eventbridge: { scheduleGroup: "jobs" } } }, "billing");
    const found = nameCollisions([a, b]);
    expect([...found.keys()]).toEqual([1]);
    const messages = found.get(1)!.map((d) => `${d.file}:${d.line}:${d.column} ${d.path}: ${d.message}`);
    const at = (claims: typeof a, path: string) => claims.claims.find((c) => c.path === path)!;
    const ns = at(a, "spec.serviceDiscovery.namespace");
    const group = at(a, "spec.triggers.eventbridge.scheduleGroup");
    expect(messages).toEqual([
      `b.yaml:${at(b, "spec.serviceDiscovery.namespace").line}:${at(b, "spec.serviceDiscovery.namespace").column} spec.serviceDiscovery.namespace: Cloud Map namespace name "shared.internal" is also taken by a.yaml:${ns.line}:${ns.column} (spec.serviceDiscovery.namespace); it must be unique in the shared VPC`,
      `b.yaml:${at(b, "spec.triggers.eventbridge.scheduleGroup").line}:${at(b, "spec.triggers.eventbridge.scheduleGroup").column} spec.triggers.eventbridge.scheduleGroup: EventBridge Scheduler schedule group name "jobs" is also taken by a.yaml:${group.line}:${group.column} (spec.triggers.eventbridge.scheduleGroup); it must be unique in the account and region`,
    ]);
  });

  it("reports generated names two different services share: a function image and another service's repository", () => {
    const a = claimsOf("a.yaml", { lambda: { functions: [{ name: "task", image: "api" }] } }, "orders");
    const b = claimsOf("b.yaml", { compute: {} }, "orders-api");
    const c = claimsOf("c.yaml", { compute: {} }, "orders-lambda");
    const found = nameCollisions([a, b, c]);
    expect(found.get(1)!.map((d) => [d.path, d.message.split(" is also")[0]])).toEqual([["metadata.name", 'ECR repository name "orders-api"']]);
    expect(found.get(1)![0]!.message).toContain("a.yaml:");
    expect(found.get(1)![0]!.message).toContain("(spec.lambda.functions[0].image)");
    expect(found.get(2)!.map((d) => d.message.split(" is also")[0])).toEqual(['IAM role name "orders-lambda-task"']);
  });

  it("reports a dead-letter queue that is another service's queue", () => {
    const found = nameCollisions([claimsOf("a.yaml", { compute: {}, queue: {} }, "orders"), claimsOf("b.yaml", { compute: {}, queue: {} }, "orders-dlq")]);
    expect(found.get(1)!.map((d) => d.message.split(" is also")[0])).toEqual(['SQS queue name "orders-dlq"']);
  });

  it("reports a repeated service name once, not each name derived from it", () => {
    const a = claimsOf("a.yaml", { compute: {}, database }, "orders");
    const b = claimsOf("b.yaml", { compute: {}, database }, "orders");
    const found = nameCollisions([a, b]);
    expect(found.get(1)!.map((d) => d.message)).toEqual([expect.stringMatching(/^service name "orders" is also used by a\.yaml:\d+:\d+ \(metadata\.name\)$/)]);
  });

  it("reports nothing for different services", () => {
    expect(nameCollisions([claimsOf("a.yaml", everything, "orders"), claimsOf("b.yaml", { ...everything, serviceDiscovery: { namespace: "billing.internal" }, triggers: { eventbridge: { scheduleGroup: "billing-jobs" }, webhookGateway: true, webhook: { image: "webhook", secret: "API_KEY" } } }, "billing")]).size).toBe(0);
  });
});
