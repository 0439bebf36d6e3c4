// Issue 15 item 7: the public, unauthenticated webhook function checks signatures and publishes
// events; it gets its own security group (HTTPS out only) and a role with only what that needs.
import { describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const everything = specYaml({
  compute: { port: 8080 },
  storage: { accessPoint: { path: "/data" } },
  cache: { engine: "redis", nodeType: "cache.t3.micro" },
  database: { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" },
  serviceDiscovery: { namespace: "orders.internal" },
  lambda: { functions: [{ name: "chat", image: "agent" }] },
  // A gateway of the team's own image (issue 19: webhook.image), signing with one of the declared
  // secrets; another WEBHOOK_-named secret shows that a name grants nothing by itself.
  triggers: { webhookGateway: true, webhook: { image: "webhook", secret: "WEBHOOK_GITHUB_SECRET" } },
  secrets: ["API_KEY", "WEBHOOK_GITHUB_SECRET", "WEBHOOK_STRIPE_SECRET"],
});
const WEBHOOK_GROUP = "${aws_security_group.triggers_webhook_security_group.id}";
const statements = (json: TerraformJson, id: string) =>
  (JSON.parse(resource(json, "aws_iam_role_policy", id).policy as string) as { Statement: Array<{ Sid: string; Action: string | string[]; Resource: string | string[] }> }).Statement;
const variables = (json: TerraformJson, id: string) => (resource(json, "aws_lambda_function", id).environment as { variables: Record<string, string> }).variables;

describe("the webhook function's network", () => {
  it("is its own security group, which may only open HTTPS and admits nothing", async () => {
    const { json } = await synthesize(everything);
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function").vpc_config).toMatchObject({ security_group_ids: [WEBHOOK_GROUP] });
    const rulesOf = (type: string) => Object.values(resourcesOf(json, type)).filter((r) => r.security_group_id === WEBHOOK_GROUP || r.referenced_security_group_id === WEBHOOK_GROUP);
    expect(rulesOf("aws_vpc_security_group_ingress_rule")).toEqual([]);
    expect(rulesOf("aws_vpc_security_group_egress_rule").map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4])).toEqual([["tcp", 443, 443, "0.0.0.0/0"]]);
    // The stack's functions keep their group.
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").vpc_config).toMatchObject({ security_group_ids: ["${aws_security_group.lambda_security_group.id}"] });
  });

  it("mounts no file system, even when the stack has one", async () => {
    const { json } = await synthesize(everything);
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function").file_system_config).toBeUndefined();
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").file_system_config).toBeDefined();
  });
});

describe("the webhook function's role", () => {
  it("may write its logs, manage its network interfaces, trace, publish to the stack's bus and read exactly its own secret", async () => {
    const { json } = await synthesize(everything);
    const sids = statements(json, "triggers_webhook_policy").map((s) => s.Sid).sort();
    expect(sids).toEqual(["DescribeNetworkHasNoResourceScope", "ManageFunctionNetworkInterfaces", "PublishToStackEventBus", "ReadWebhookSecret", "WriteFunctionLogs", "XRayTracingHasNoResourceScope"]);
    const reads = statements(json, "triggers_webhook_policy").filter((s) => [s.Action].flat().some((action) => action.startsWith("ssm:")));
    expect(reads.map((s) => [s.Action, s.Resource])).toEqual([["ssm:GetParameter", expect.stringMatching(/:parameter\/test-svc\/WEBHOOK_GITHUB_SECRET$/)]]);
    // The stack's functions still read the database secret, every declared secret and the file system.
    expect(statements(json, "lambda_chat_policy").map((s) => s.Sid)).toEqual(expect.arrayContaining(["ReadDatabaseMasterSecret", "ReadStackSecrets", "MountStackFileSystemThroughAccessPoint"]));
  });

  it("reads its secret whatever its name, and nothing else", async () => {
    const { json } = await synthesize(specYaml({ triggers: { webhookGateway: true, webhook: { image: "webhook", secret: "SIGNING_KEY" } }, compute: {}, secrets: ["API_KEY", "SIGNING_KEY"] }));
    const reads = statements(json, "triggers_webhook_policy").filter((s) => [s.Action].flat().some((action) => action.startsWith("ssm:")));
    expect(reads.map((s) => s.Resource)).toEqual([expect.stringMatching(/:parameter\/test-svc\/SIGNING_KEY$/)]);
    // Only the one parameter issue 19's webhook.secret names.
    expect(Object.keys(variables(json, "triggers_webhook_function")).sort()).toEqual(["PLATFORM_EVENT_BUS_NAME", "PLATFORM_SERVICE_NAME", "PLATFORM_WEBHOOK_SECRET_PARAMETER"]);
  });
});

describe("the webhook function's environment", () => {
  it("names its bus and its one secret, and neither the other secrets nor the data services", async () => {
    const { json } = await synthesize(everything);
    const env = variables(json, "triggers_webhook_function");
    expect(Object.keys(env).sort()).toEqual(["PLATFORM_EVENT_BUS_NAME", "PLATFORM_SERVICE_NAME", "PLATFORM_WEBHOOK_SECRET_PARAMETER"]);
    expect(env.PLATFORM_WEBHOOK_SECRET_PARAMETER).toBe("/test-svc/WEBHOOK_GITHUB_SECRET");
    expect(variables(json, "lambda_chat_function").PLATFORM_SECRET_NAMES).toBe("API_KEY,WEBHOOK_GITHUB_SECRET,WEBHOOK_STRIPE_SECRET");
  });
});
