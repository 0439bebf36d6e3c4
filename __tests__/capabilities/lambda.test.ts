import { describe, expect, it } from "vitest";
import { load, resource, resourceAddresses, resourcesOf, specYaml, synthesize, defaultSettings, type TerraformJson } from "../helpers/spec.js";
import { AWS_NAME_LIMITS } from "../../src/engine/registry.js";

const fn = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `i-${name}`.slice(0, 24), ...extra });
const lambdaSpec = (functions: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}, name = "test-svc") =>
  specYaml({ lambda: { functions }, ...extra }, name);

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}
function statementsOf(json: TerraformJson, policyId: string): Statement[] {
  return (JSON.parse(resource(json, "aws_iam_role_policy", policyId).policy as string) as { Statement: Statement[] }).Statement;
}
const statement = (json: TerraformJson, policyId: string, sid: string) => statementsOf(json, policyId).find((s) => s.Sid === sid);
const variablesOf = (json: TerraformJson, id: string) =>
  (resource(json, "aws_lambda_function", id).environment as { variables: Record<string, string> }).variables;

describe("lambda capability", () => {
  it("sizes each function from the spec's memory and timeout", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat", { memory: 4096, timeout: 300 }), fn("batch", { memory: 256, timeout: 10 })]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function")).toMatchObject({ memory_size: 4096, timeout: 300 });
    expect(resource(json, "aws_lambda_function", "lambda_batch_function")).toMatchObject({ memory_size: 256, timeout: 10 });
  });

  it("uses the schema defaults: 2048 MB, 120 s, a streaming URL with IAM auth", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function")).toMatchObject({ memory_size: 2048, timeout: 120 });
    expect(resource(json, "aws_lambda_function_url", "lambda_chat_function_url")).toMatchObject({
      authorization_type: "AWS_IAM",
      invoke_mode: "RESPONSE_STREAM",
    });
  });

  it("takes the invoke mode per function", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat"), fn("report", { invokeMode: "BUFFERED" })]));
    expect(resource(json, "aws_lambda_function_url", "lambda_chat_function_url").invoke_mode).toBe("RESPONSE_STREAM");
    expect(resource(json, "aws_lambda_function_url", "lambda_report_function_url").invoke_mode).toBe("BUFFERED");
  });

  it("names the function <service>-<name> and traces it", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function")).toMatchObject({
      function_name: "test-svc-chat",
      package_type: "Image",
      tracing_config: { mode: "Active" },
    });
  });

  it("runs in the private subnets with the stack's lambda security group", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat"), fn("batch")]));
    for (const id of ["lambda_chat_function", "lambda_batch_function"]) {
      expect(resource(json, "aws_lambda_function", id).vpc_config).toEqual({
        subnet_ids: "${data.aws_subnets.private_subnets.ids}",
        security_group_ids: ["${aws_security_group.lambda_security_group.id}"],
      });
    }
    expect(Object.keys(resourcesOf(json, "aws_security_group"))).toEqual(["lambda_security_group"]);
  });

  it("runs the image tag given by a per-function Terraform variable", async () => {
    const { json } = await synthesize(lambdaSpec([fn("pi-chat")]));
    expect(resource(json, "aws_lambda_function", "lambda_pi_chat_function").image_uri).toBe(
      "${aws_ecr_repository.lambda_i_pi_chat_ecr_repository.repository_url}:${var.lambda_pi_chat_image_tag}",
    );
    expect(json.variable?.lambda_pi_chat_image_tag).toMatchObject({ type: "string", nullable: false });
    expect(json.variable?.lambda_pi_chat_image_tag?.description).toContain("test-svc-i-pi-chat");
  });

  it("creates one scanned, immutable ECR repository per distinct image", async () => {
    const { json } = await synthesize(
      lambdaSpec([
        { name: "pi-chat", image: "agent" },
        { name: "claude-chat", image: "agent" },
        { name: "indexer", image: "indexer" },
      ]),
    );
    expect(Object.keys(resourcesOf(json, "aws_ecr_repository")).sort()).toEqual(["lambda_agent_ecr_repository", "lambda_indexer_ecr_repository"]);
    expect(resource(json, "aws_ecr_repository", "lambda_agent_ecr_repository")).toMatchObject({
      name: "test-svc-agent",
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
    });
    expect(resource(json, "aws_ecr_lifecycle_policy", "lambda_agent_ecr_repository_lifecycle")).toBeDefined();
    expect(resource(json, "aws_lambda_function", "lambda_claude_chat_function").image_uri).toMatch(/^\$\{aws_ecr_repository\.lambda_agent_ecr_repository\./);
  });

  it("lets Lambda pull each image only for the functions that run it", async () => {
    const { json } = await synthesize(lambdaSpec([{ name: "pi-chat", image: "agent" }, { name: "claude-chat", image: "agent" }, { name: "indexer", image: "indexer" }]));
    const pull = JSON.parse(resource(json, "aws_ecr_repository_policy", "lambda_agent_image_pull_policy").policy as string);
    const arns = pull.Statement[0].Condition.ArnLike["aws:SourceArn"] as string[];
    expect(arns.map((arn) => arn.split(":function:")[1])).toEqual(["test-svc-pi-chat", "test-svc-claude-chat"]);
    expect(pull.Statement[0].Principal).toEqual({ Service: "lambda.amazonaws.com" });
  });

  it("keeps each function's logs in /aws/lambda/<function> for the configured retention", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]), defaultSettings({ logRetentionDays: "14" }));
    expect(resource(json, "aws_cloudwatch_log_group", "lambda_chat_log_group")).toEqual({ name: "/aws/lambda/test-svc-chat", retention_in_days: 14 });
  });

  it("creates each function after its log group, its role's policy and its image pull policy", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").depends_on).toEqual([
      "aws_cloudwatch_log_group.lambda_chat_log_group",
      "aws_ecr_repository_policy.lambda_i_chat_image_pull_policy",
      "aws_iam_role_policy.lambda_chat_policy",
    ]);
  });

  it("gives each function a role of its own, trusted by Lambda in this account", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat"), fn("batch")]));
    const role = resource(json, "aws_iam_role", "lambda_chat_role");
    expect(role.name).toBe("test-svc-lambda-chat");
    expect(JSON.parse(role.assume_role_policy as string).Statement[0]).toMatchObject({
      Principal: { Service: "lambda.amazonaws.com" },
      Condition: { StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current_account.account_id}" } },
    });
    expect(resource(json, "aws_lambda_function", "lambda_batch_function").role).toBe("${aws_iam_role.lambda_batch_role.arn}");
  });

  it("scopes the log grant to the function's own log group", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    expect(statement(json, "lambda_chat_policy", "WriteFunctionLogs")).toMatchObject({
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: "${aws_cloudwatch_log_group.lambda_chat_log_group.arn}:*",
    });
  });

  it("grants only describe and X-Ray actions on *, under Sids that say why", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    const wildcard = statementsOf(json, "lambda_chat_policy").filter((s) => s.Resource === "*");
    expect(wildcard.map((s) => [s.Sid, s.Action])).toEqual([
      ["DescribeNetworkHasNoResourceScope", ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"]],
      ["XRayTracingHasNoResourceScope", ["xray:PutTelemetryRecords", "xray:PutTraceSegments"]],
    ]);
  });

  it("lets Lambda manage the function's network interfaces in this account and region only", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    const manage = statementsOf(json, "lambda_chat_policy").find((s) => s.Sid === "ManageFunctionNetworkInterfaces");
    expect(manage?.Action).toEqual(["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"]);
    expect(manage?.Resource).toBe("arn:${data.aws_partition.current_partition.partition}:ec2:us-east-1:${data.aws_caller_identity.current_account.account_id}:*");
  });

  it("passes the spec's environment and the engine's variables, sorted", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat", { environment: { MODEL: "sonnet", LOG_LEVEL: "debug" } })]));
    expect(Object.entries(variablesOf(json, "lambda_chat_function"))).toEqual([
      ["LOG_LEVEL", "debug"],
      ["MODEL", "sonnet"],
      ["PLATFORM_SERVICE_NAME", "test-svc"],
    ]);
  });

  it("gives each function only its own environment", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat", { environment: { MODEL: "sonnet" } }), fn("batch")]));
    expect(variablesOf(json, "lambda_batch_function").MODEL).toBeUndefined();
  });

  it("lets the stack's containers call IAM-auth URLs with both invoke actions", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat"), fn("hook", { urlAuth: "NONE" })], { compute: {} }));
    expect(statement(json, "compute_task_policy", "InvokeStackFunctionUrls")).toEqual({
      Sid: "InvokeStackFunctionUrls",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"],
      Resource: "${aws_lambda_function.lambda_chat_function.arn}",
    });
  });

  it("adds no resource-policy statement for IAM-auth URLs", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")], { compute: {} }));
    expect(resourcesOf(json, "aws_lambda_permission")).toEqual({});
    expect((json.terraform?.required_providers as Record<string, { version: string }>)["aws"]?.version).toBe("6.25.0");
  });

  it("opens a urlAuth NONE function through its URL only, and raises the AWS provider constraint", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat"), fn("hook", { urlAuth: "NONE" })]));
    const permissions = resourcesOf(json, "aws_lambda_permission");
    expect(Object.keys(permissions).sort()).toEqual(["lambda_hook_function_url_public_access", "lambda_hook_function_url_public_invoke"]);
    expect(permissions.lambda_hook_function_url_public_access).toMatchObject({ action: "lambda:InvokeFunctionUrl", principal: "*", function_url_auth_type: "NONE" });
    expect(permissions.lambda_hook_function_url_public_invoke).toMatchObject({ action: "lambda:InvokeFunction", principal: "*", invoked_via_function_url: true });
    expect(resource(json, "aws_lambda_function_url", "lambda_hook_function_url").authorization_type).toBe("NONE");
    expect((json.terraform?.required_providers as Record<string, { version: string }>)["aws"]?.version).toBe("~> 6.28");
  });

  it("never grants a public lambda:InvokeFunction outside the function URL", async () => {
    const { json } = await synthesize(lambdaSpec([fn("hook", { urlAuth: "NONE" })], { triggers: { webhookGateway: true, webhook: { scheme: "github", secret: "HOOK_SECRET" } }, secrets: ["HOOK_SECRET"] }));
    for (const permission of Object.values(resourcesOf(json, "aws_lambda_permission"))) {
      if (permission.action === "lambda:InvokeFunction") expect(permission.invoked_via_function_url).toBe(true);
    }
  });

  it("mounts no file system and creates no compute resources in a lambda-only stack", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat")]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").file_system_config).toBeUndefined();
    const addresses = resourceAddresses(json);
    expect(addresses.filter((a) => /aws_ecs_|aws_lb_|aws_efs_|cloudflare_/.test(a))).toEqual([]);
    expect(addresses).not.toContain("aws_security_group.compute_security_group");
    // The shared ALB is read for its VPC only (where the private subnets are); no listener, no rule.
    expect(Object.keys(json.data?.aws_lb ?? {})).toEqual(["shared_alb"]);
    expect(json.data?.aws_lb_listener).toBeUndefined();
  });

  it("fits every generated name for a 40-character service name and 24-character function names", async () => {
    const service = `svc-${"s".repeat(36)}`;
    const longName = `fn-${"f".repeat(21)}`;
    const { json } = await synthesize(lambdaSpec([fn(longName), fn(`${longName.slice(0, 23)}g`)], {}, service));
    const names = Object.values(resourcesOf(json, "aws_lambda_function")).map((f) => f.function_name as string);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(AWS_NAME_LIMITS.lambdaFunction);
    for (const role of Object.values(resourcesOf(json, "aws_iam_role"))) expect((role.name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.iamRole);
  });

  it("exports each function's name, ARN, URL and repository", async () => {
    const { context, json } = await synthesize(lambdaSpec([fn("pi-chat")]));
    expect(context.outputs.all().map((o) => o.key)).toEqual([
      "lambda.pi-chat.function_name",
      "lambda.pi-chat.function_arn",
      "lambda.pi-chat.function_url",
      "lambda.pi-chat.ecr_repository_uri",
    ]);
    expect(json.output?.lambda_pi_chat_function_url?.value).toBe("${aws_lambda_function_url.lambda_pi_chat_function_url.function_url}");
  });

  it("publishes the functions in the context for the triggers step", async () => {
    const { context } = await synthesize(lambdaSpec([fn("chat"), fn("batch")]));
    expect(context.require("lambda.functions").map((f) => [f.name, f.function.friendlyUniqueId])).toEqual([
      ["chat", "lambda_chat_function"],
      ["batch", "lambda_batch_function"],
    ]);
  });

  it("is planned in the compute phase, before triggers", async () => {
    const { steps } = await synthesize(lambdaSpec([fn("chat")], { triggers: { webhookGateway: true, webhook: { scheme: "github", secret: "HOOK_SECRET" } }, secrets: ["HOOK_SECRET"] }));
    expect(steps.map((s) => `${s.phase}:${s.name}`)).toEqual(["foundation:foundation", "infrastructure:secrets", "compute:lambda", "compute:triggers"]);
  });

  it("rejects a spec whose function names repeat (semantic rule)", () => {
    const { diagnostics } = load(lambdaSpec([fn("chat"), fn("chat")]));
    expect(diagnostics.map((d) => d.path)).toContain("spec.lambda.functions[1].name");
  });
});

describe("lambda architecture", () => {
  it("renders the architecture a function sets, and none for a function that does not (Lambda's x86_64)", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat", { architecture: "arm64" }), fn("batch", { architecture: "x86_64" }), fn("sync")]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").architectures).toEqual(["arm64"]);
    expect(resource(json, "aws_lambda_function", "lambda_batch_function").architectures).toEqual(["x86_64"]);
    expect(resource(json, "aws_lambda_function", "lambda_sync_function")).not.toHaveProperty("architectures");
  });

  // Review of issue 18: functions sharing an image run one tag (one image-tag variable), and Lambda
  // runs single-architecture images only ("Lambda does not support multi-architecture images"), so
  // two architectures on one image would leave one of the functions unable to start.
  it("refuses functions sharing an image with different architectures (unset is x86_64)", () => {
    const errors = (functions: Array<Record<string, unknown>>) =>
      load(lambdaSpec(functions)).diagnostics.filter((d) => d.severity === "error").map((d) => ({ code: d.code, path: d.path, message: d.message }));
    expect(errors([fn("report", { image: "jobs", architecture: "arm64" }), fn("reindex", { image: "jobs" })])).toEqual([
      {
        code: "lambda/image-architecture",
        path: "spec.lambda.functions[1].architecture",
        message: 'function "reindex" runs image "jobs" as x86_64 (architecture not set), and function "report" runs it as arm64; one image has one architecture',
      },
    ]);
    expect(errors([fn("report", { image: "jobs", architecture: "arm64" }), fn("reindex", { image: "jobs", architecture: "arm64" })])).toEqual([]);
    expect(errors([fn("report", { image: "jobs" }), fn("reindex", { image: "jobs", architecture: "x86_64" })])).toEqual([]);
    expect(errors([fn("report", { architecture: "arm64" }), fn("reindex")])).toEqual([]);
  });
});

describe("lambda functions without URL, reserved concurrency, shared images", () => {
  it("url: false creates no Function URL, no URL output and no container URL grant for the function", async () => {
    const { json, context } = await synthesize(lambdaSpec([fn("cron", { url: false }), fn("chat")], { compute: {} }));
    expect(Object.keys(resourcesOf(json, "aws_lambda_function_url"))).toEqual(["lambda_chat_function_url"]);
    const keys = context.outputs.all().map((o) => o.key);
    expect(keys).toContain("lambda.chat.function_url");
    expect(keys).not.toContain("lambda.cron.function_url");
    expect(keys).toContain("lambda.cron.function_arn");
    const grant = statementsOf(json, "compute_task_policy").find((s) => s.Sid === "InvokeStackFunctionUrls");
    expect([grant?.Resource].flat()).toEqual(["${aws_lambda_function.lambda_chat_function.arn}"]);
  });

  it("refuses URL settings on a function without a URL", () => {
    const errors = load(lambdaSpec([fn("cron", { url: false, urlAuth: "NONE" })])).diagnostics.filter((d) => d.severity === "error");
    expect(errors).toEqual([expect.objectContaining({ path: "spec.lambda.functions[0].urlAuth", message: "urlAuth applies to the Function URL, and url is false" })]);
  });

  it("reserves the concurrency a function sets, and none otherwise", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat", { reservedConcurrency: 5 }), fn("batch")]));
    expect(resource(json, "aws_lambda_function", "lambda_chat_function").reserved_concurrent_executions).toBe(5);
    expect(resource(json, "aws_lambda_function", "lambda_batch_function")).not.toHaveProperty("reserved_concurrent_executions");
  });

  it("functions sharing an image share one image-tag variable; a function with its own image keeps its own", async () => {
    const { json } = await synthesize(lambdaSpec([fn("chat", { image: "agent" }), fn("batch", { image: "agent" }), fn("sync")]));
    // check_images: issue 15's switch for the image preconditions.
    expect(Object.keys(json.variable ?? {}).sort()).toEqual(["check_images", "image_agent_tag", "lambda_sync_image_tag"]);
    expect(json.variable?.image_agent_tag?.description).toContain("the chat, batch functions run");
    for (const id of ["lambda_chat_function", "lambda_batch_function"]) {
      const fn = resource(json, "aws_lambda_function", id);
      expect(fn.image_uri).toBe("${aws_ecr_repository.lambda_agent_ecr_repository.repository_url}:${var.image_agent_tag}");
      // The image precondition checks the variable the function runs, not an undeclared one of its own.
      const [check] = (fn.lifecycle as { precondition: Array<{ condition: string }> }).precondition;
      expect(check!.condition).toContain("var.image_agent_tag)");
    }
    const sync = resource(json, "aws_lambda_function", "lambda_sync_function").lifecycle as { precondition: Array<{ condition: string }> };
    expect(sync.precondition[0]!.condition).toContain("var.lambda_sync_image_tag)");
  });
});
