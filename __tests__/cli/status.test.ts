// `platform status <name>`: the stack's resources, named in the real synthesized stack of the
// agent-factory fixture (service, three functions, database, cache), read through the AWS SDK.
// aws-sdk-client-mock stands in for ECS, Lambda, RDS and ElastiCache: nothing AWS-compatible runs here.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DescribeServicesCommand, ECSClient } from "@aws-sdk/client-ecs";
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { GetFunctionConfigurationCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { DescribeDBInstancesCommand, RDSClient } from "@aws-sdk/client-rds";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixturePath } from "../helpers/spec.js";
import { tempDir } from "../helpers/terraform.js";

const ecs = mockClient(ECSClient);
const lambda = mockClient(LambdaClient);
const rds = mockClient(RDSClient);
const elasticache = mockClient(ElastiCacheClient);

const SERVICE = "agent-factory";
const FUNCTIONS = ["agent-factory-claude-chat", "agent-factory-pi-chat", "agent-factory-webhook"];
let root: string;
let out: string;
const env = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };
const status = (...args: string[]) => runCli(["status", SERVICE, "--out", out, ...args], { env });

beforeAll(async () => {
  root = tempDir("status");
  out = join(root, "cdktf.out");
  const synth = await runCli(["synth", fixturePath("platform-agent-factory.yaml"), "--out", out], { env: { PLATFORM_STATE_BUCKET: "platform-state-status" } });
  expect(synth.code, synth.stderr).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 12, minute, 0));
const steady = {
  serviceName: SERVICE,
  status: "ACTIVE",
  runningCount: 2,
  desiredCount: 2,
  pendingCount: 0,
  deployments: [
    { status: "PRIMARY", rolloutState: "COMPLETED" as const, taskDefinition: "arn:aws:ecs:us-east-1:123456789012:task-definition/agent-factory:7", runningCount: 2, desiredCount: 2, pendingCount: 0, failedTasks: 0, updatedAt: at(1) },
  ],
  events: Array.from({ length: 8 }, (_, index) => ({ createdAt: at(59 - index), message: `(service agent-factory) event ${index}` })),
};

beforeEach(() => {
  for (const mock of [ecs, lambda, rds, elasticache]) mock.reset();
  ecs.on(DescribeServicesCommand).resolves({ services: [steady], failures: [] });
  lambda.on(GetFunctionConfigurationCommand).callsFake((input: { FunctionName: string }) => ({
    FunctionName: input.FunctionName,
    State: "Active",
    LastUpdateStatus: "Successful",
    LastModified: "2026-12-03T11:00:00.000+0000",
  }));
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: SERVICE, DBInstanceStatus: "available", MultiAZ: false, DeletionProtection: true }] });
  elasticache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [{ ReplicationGroupId: SERVICE, Status: "available" }] });
});

describe("platform status (SDK mocked: ECS, Lambda, RDS, ElastiCache)", () => {
  it("SDK mocked: a healthy stack — asks for the names the engine synthesized, in the stack's region, and prints each resource's state", async () => {
    const run = await status();
    expect(run.code, run.stderr).toBe(0);
    expect(ecs.commandCalls(DescribeServicesCommand).map((call) => call.args[0].input)).toEqual([{ cluster: SERVICE, services: [SERVICE] }]);
    expect(lambda.commandCalls(GetFunctionConfigurationCommand).map((call) => call.args[0].input.FunctionName).sort()).toEqual(FUNCTIONS);
    expect(rds.commandCalls(DescribeDBInstancesCommand)[0]!.args[0].input).toEqual({ DBInstanceIdentifier: SERVICE });
    expect(elasticache.commandCalls(DescribeReplicationGroupsCommand)[0]!.args[0].input).toEqual({ ReplicationGroupId: SERVICE });
    // The region written into the stack's provider, not the SDK's default.
    expect(await (ecs.call(0).thisValue as ECSClient).config.region()).toBe("us-east-1");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "agent-factory (us-east-1)",
      "service agent-factory in cluster agent-factory: ACTIVE, running 2/2, pending 0",
      "  deployments:",
      "    PRIMARY COMPLETED: task definition agent-factory:7, running 2/2, pending 0",
    ]);
    // The five most recent events, newest first (ECS's order), not all eight.
    expect(lines.filter((line) => line.includes("(service agent-factory) event"))).toEqual([0, 1, 2, 3, 4].map((index) => `    ${at(59 - index).toISOString()}  (service agent-factory) event ${index}`));
    expect(lines).toContain("function agent-factory-webhook: Active, last update Successful, modified 2026-12-03T11:00:00.000+0000");
    expect(lines).toContain("database agent-factory: available, Multi-AZ no, deletion protection on");
    expect(lines.at(-1)).toBe("cache agent-factory: available");
  });

  it("SDK mocked: a deployment in progress shows both deployments with their rollout states and counts", async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          ...steady,
          runningCount: 3,
          pendingCount: 1,
          deployments: [
            { status: "PRIMARY", rolloutState: "IN_PROGRESS", taskDefinition: "arn:aws:ecs:us-east-1:1:task-definition/agent-factory:8", runningCount: 1, desiredCount: 2, pendingCount: 1, failedTasks: 1 },
            { status: "ACTIVE", rolloutState: "COMPLETED", taskDefinition: "arn:aws:ecs:us-east-1:1:task-definition/agent-factory:7", runningCount: 2, desiredCount: 2, pendingCount: 0 },
          ],
        },
      ],
    });
    const run = await status();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      [
        "service agent-factory in cluster agent-factory: ACTIVE, running 3/2, pending 1",
        "  deployments:",
        "    PRIMARY IN_PROGRESS: task definition agent-factory:8, running 1/2, pending 1, 1 failed tasks",
        "    ACTIVE COMPLETED: task definition agent-factory:7, running 2/2, pending 0",
      ].join("\n"),
    );
  });

  it("SDK mocked: a failed function shows its state, failed last update and the reasons", async () => {
    lambda.on(GetFunctionConfigurationCommand, { FunctionName: "agent-factory-webhook" }).resolves({
      FunctionName: "agent-factory-webhook",
      State: "Failed",
      StateReason: "The image manifest or layer media type for the source image is not supported.",
      LastUpdateStatus: "Failed",
      LastUpdateStatusReason: "Image not found",
      LastModified: "2026-12-03T12:30:00.000+0000",
    });
    const run = await status();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "function agent-factory-webhook: Failed (The image manifest or layer media type for the source image is not supported.), last update Failed (Image not found), modified 2026-12-03T12:30:00.000+0000\n",
    );
    expect(run.stdout).toContain("function agent-factory-pi-chat: Active, last update Successful");
  });

  it("SDK mocked: resources not created yet are reported as not found, not as a failure", async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ arn: "arn:aws:ecs:us-east-1:1:service/agent-factory", reason: "MISSING" }] });
    rds.on(DescribeDBInstancesCommand).rejects(Object.assign(new Error("DBInstance agent-factory not found."), { name: "DBInstanceNotFoundFault" }));
    const run = await status();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("service agent-factory in cluster agent-factory: not found (not created yet, or destroyed)\n");
    expect(run.stdout).toContain("database agent-factory: not found (not created yet, or destroyed)\n");
  });

  it("SDK mocked: without credentials, one line and exit 3, no stack trace", async () => {
    const missing = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    ecs.onAnyCommand().rejects(missing);
    lambda.onAnyCommand().rejects(missing);
    rds.onAnyCommand().rejects(missing);
    elasticache.onAnyCommand().rejects(missing);
    const run = await runCli(["status", SERVICE, "--out", out], { env: {} });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    const [first, ...rest] = run.stderr.trimEnd().split("\n");
    expect(first).toMatch(/^platform status: no AWS credentials found: status reads agent-factory's resources through the AWS API \(/);
    expect(rest).toEqual([expect.stringMatching(/^ {2}hint: configure credentials/)]);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("SDK mocked: another AWS failure is exit 3 naming the call", async () => {
    rds.on(DescribeDBInstancesCommand).rejects(Object.assign(new Error("not allowed"), { name: "AccessDenied", $metadata: { httpStatusCode: 403 } }));
    const run = await status();
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^platform status: describing RDS instance agent-factory: access denied\n/);
  });

  it("SDK mocked: --json gives every resource's fields", async () => {
    const run = await status("--json");
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(json).toEqual({
      name: SERVICE,
      region: "us-east-1",
      service: {
        cluster: SERVICE,
        name: SERVICE,
        found: true,
        status: "ACTIVE",
        running: 2,
        desired: 2,
        pending: 0,
        deployments: [{ status: "PRIMARY", rolloutState: "COMPLETED", taskDefinition: "agent-factory:7", running: 2, desired: 2, pending: 0, failedTasks: 0, updatedAt: at(1).toISOString() }],
        events: [0, 1, 2, 3, 4].map((index) => ({ at: at(59 - index).toISOString(), message: `(service agent-factory) event ${index}` })),
      },
      functions: ["agent-factory-claude-chat", "agent-factory-pi-chat", "agent-factory-webhook"].map((name) => ({
        name,
        found: true,
        state: "Active",
        lastUpdateStatus: "Successful",
        lastModified: "2026-12-03T11:00:00.000+0000",
      })),
      database: { identifier: SERVICE, found: true, status: "available", multiAz: false, deletionProtection: true },
      cache: { id: SERVICE, found: true, status: "available" },
    });
  });

  it("SDK mocked: a stack that was not synthesized is a usage error naming the folder", async () => {
    const run = await runCli(["status", "orders", "--out", out], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no synthesized stack for orders in ${out}/stacks`);
    expect(ecs.calls()).toHaveLength(0);
  });
});

describe("platform help status", () => {
  it("prints the command's usage, summary and options, the same as status --help", async () => {
    const help = await runCli(["help", "status"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: platform status <name> \[--env NAME\] \[--json\] \[--out DIR\]\n\nhow a deployed stack is doing/);
    expect(help.stdout).toContain("  --json\n");
    expect(help.stdout).toContain("  --out <value>, -o\n");
    expect((await runCli(["status", "--help"])).stdout).toBe(help.stdout);
  });
});
