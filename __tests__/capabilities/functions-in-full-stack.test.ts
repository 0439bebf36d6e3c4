import { afterEach, describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize, synthesizeFixture, type TerraformJson } from "../helpers/spec.js";

const SPEC_FUNCTION_IDS = ["lambda_pi_chat_function", "lambda_claude_chat_function"];
const FUNCTION_IDS = [...SPEC_FUNCTION_IDS, "triggers_webhook_function"];
const storage = (extra: Record<string, unknown> = {}) => ({ accessPoint: { path: "/agents" }, ...extra });
const functions = [{ name: "chat", image: "agent" }];

const sidsOf = (json: TerraformJson, policyId: string) =>
  (JSON.parse(resource(json, "aws_iam_role_policy", policyId).policy as string) as { Statement: Array<{ Sid: string }> }).Statement.map((s) => s.Sid);

describe("functions in the agent-factory stack", () => {
  afterEach(() => {
    delete process.env.ANTHROPIC_API_KEY;
    delete process.env.DIFY_DB_PASSWORD;
  });

  it("yields the two spec functions plus the webhook gateway", async () => {
    const { json } = await synthesizeFixture("platform-agent-factory.yaml");
    expect(Object.keys(resourcesOf(json, "aws_lambda_function")).sort()).toEqual([...FUNCTION_IDS].sort());
    expect(Object.keys(resourcesOf(json, "aws_lambda_function_url")).sort()).toEqual(
      ["lambda_claude_chat_function_url", "lambda_pi_chat_function_url", "triggers_webhook_function_url"],
    );
  });

  it("streams the spec functions' URLs behind IAM auth; the webhook URL is public and buffered by default", async () => {
    const { json } = await synthesizeFixture("platform-agent-factory.yaml");
    const url = (id: string) => resource(json, "aws_lambda_function_url", id);
    for (const id of ["lambda_pi_chat_function_url", "lambda_claude_chat_function_url"]) {
      expect(url(id)).toMatchObject({ invoke_mode: "RESPONSE_STREAM", authorization_type: "AWS_IAM" });
    }
    expect(url("triggers_webhook_function_url")).toMatchObject({ invoke_mode: "BUFFERED", authorization_type: "NONE" });
  });

  it("mounts the EFS access point in every spec function at the storage mount path, once its mount targets exist; not in the webhook", async () => {
    const { json } = await synthesizeFixture("platform-agent-factory.yaml");
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function").file_system_config).toBeUndefined();
    for (const id of FUNCTION_IDS.filter((id) => !id.startsWith("triggers_"))) {
      const fn = resource(json, "aws_lambda_function", id);
      expect(fn.file_system_config).toEqual({ arn: "${aws_efs_access_point.storage_access_point.arn}", local_mount_path: "/mnt/data" });
      expect(fn.depends_on).toContain("aws_efs_mount_target.storage_mount_target");
    }
    expect(resource(json, "aws_lambda_function", "triggers_webhook_function").file_system_config).toBeUndefined();
  });

  it("gives each spec function role the EFS client grant and the database secret, through the function audience; not the gateway's", async () => {
    const { json } = await synthesizeFixture("platform-agent-factory.yaml");
    for (const policy of ["lambda_pi_chat_policy", "lambda_claude_chat_policy"]) {
      expect(sidsOf(json, policy)).toEqual(expect.arrayContaining(["MountStackFileSystemThroughAccessPoint", "ReadDatabaseMasterSecret", "ReadStackSecrets"]));
    }
    // The public webhook function is not in the function audience (issue 15: least privilege).
    expect(sidsOf(json, "triggers_webhook_policy")).not.toEqual(expect.arrayContaining(["MountStackFileSystemThroughAccessPoint"]));
    expect(sidsOf(json, "triggers_webhook_policy").filter((sid) => /Database|StackSecrets|FileSystem/.test(sid))).toEqual([]);
  });

  it("hands the functions the stack's endpoints and where their secrets are", async () => {
    const { json } = await synthesizeFixture("platform-agent-factory.yaml");
    const variables = (resource(json, "aws_lambda_function", "lambda_pi_chat_function").environment as { variables: Record<string, string> }).variables;
    expect(Object.keys(variables)).toEqual(
      expect.arrayContaining(["STORAGE_MOUNT_PATH", "REDIS_HOST", "DATABASE_HOST", "DATABASE_SECRET_ARN", "PLATFORM_SECRETS_PATH", "PLATFORM_SECRET_NAMES"]),
    );
    expect(variables.PLATFORM_SECRET_NAMES).toBe("ANTHROPIC_API_KEY,DIFY_DB_PASSWORD,GITHUB_WEBHOOK_SECRET");
  });

  it("keeps every secret value out of the synthesized JSON", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-fixture-secret-value-42";
    process.env.DIFY_DB_PASSWORD = "dify-fixture-password-value-42";
    const text = JSON.stringify((await synthesizeFixture("platform-agent-factory.yaml")).json);
    expect(text).not.toContain("sk-ant-fixture-secret-value-42");
    expect(text).not.toContain("dify-fixture-password-value-42");
  });

  it("uses the spec's storage mount path for functions and containers alike", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, storage: storage({ mountPath: "/mnt/work" }), lambda: { functions } }));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").file_system_config).toMatchObject({ local_mount_path: "/mnt/work" });
    const container = JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string)[0];
    expect(container.mountPoints).toEqual([expect.objectContaining({ containerPath: "/mnt/work" })]);
  });

  it("lets the lambda security group reach the file system over NFS", async () => {
    const { json } = await synthesize(specYaml({ storage: storage(), lambda: { functions } }));
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "storage_ingress_from_lambda")).toMatchObject({
      from_port: 2049,
      referenced_security_group_id: "${aws_security_group.lambda_security_group.id}",
    });
  });
});
