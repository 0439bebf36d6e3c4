import { afterEach, describe, expect, it } from "vitest";
import { resource, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const functions = [{ name: "chat", image: "agent" }];
const variablesOf = (json: TerraformJson, id: string) =>
  (resource(json, "aws_lambda_function", id).environment as { variables: Record<string, string> }).variables;
const statementOf = (json: TerraformJson, policyId: string, sid: string) =>
  (JSON.parse(resource(json, "aws_iam_role_policy", policyId).policy as string) as { Statement: Array<Record<string, unknown>> }).Statement.find(
    (s) => s.Sid === sid,
  );
const parameterArn = (name: string) =>
  `arn:\${data.aws_partition.current_partition.partition}:ssm:us-east-1:\${data.aws_caller_identity.current_account.account_id}:parameter/test-svc/${name}`;

describe("secrets capability", () => {
  afterEach(() => {
    delete process.env.ANTHROPIC_API_KEY;
  });

  it("tells functions the SSM path and the names of the declared secrets", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions }, secrets: ["ANTHROPIC_API_KEY", "DIFY_DB_PASSWORD"] }));
    expect(variablesOf(json, "lambda_chat_function")).toMatchObject({
      PLATFORM_SECRETS_PATH: "/test-svc/",
      PLATFORM_SECRET_NAMES: "ANTHROPIC_API_KEY,DIFY_DB_PASSWORD",
    });
  });

  it("lets each function's role read the parameters under the stack's path", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions }, triggers: { webhookGateway: true, webhook: { scheme: "github", secret: "API_KEY" } }, secrets: ["API_KEY"] }));
    for (const policy of ["lambda_chat_policy"]) {
      expect(statementOf(json, policy, "ReadStackSecrets")).toEqual({
        Sid: "ReadStackSecrets",
        Effect: "Allow",
        Action: ["ssm:GetParameter", "ssm:GetParameters"],
        Resource: parameterArn("*"),
      });
    }
  });

  it("sets no secret variables on functions when no secret is declared", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions } }));
    expect(Object.keys(variablesOf(json, "lambda_chat_function"))).toEqual(["PLATFORM_SERVICE_NAME"]);
  });

  it("gives containers the secrets as valueFrom references, not the functions' path variables", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, lambda: { functions }, secrets: ["API_KEY"] }));
    const container = JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string)[0];
    expect(container.secrets).toEqual([{ name: "API_KEY", valueFrom: parameterArn("API_KEY") }]);
    expect(container.environment.map((e: { name: string }) => e.name)).not.toContain("PLATFORM_SECRETS_PATH");
  });

  it("never writes a secret value into the synthesized JSON, even when it is in the environment", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-never-in-terraform-0123456789";
    const { json } = await synthesize(
      specYaml({ compute: {}, lambda: { functions }, triggers: { webhookGateway: true, webhook: { scheme: "github", secret: "ANTHROPIC_API_KEY" } }, secrets: ["ANTHROPIC_API_KEY"] }),
    );
    const text = JSON.stringify(json);
    expect(text).toContain("ANTHROPIC_API_KEY");
    expect(text).not.toContain("sk-ant-never-in-terraform-0123456789");
  });
});
