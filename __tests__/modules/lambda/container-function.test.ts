import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../../../providers/cdktf.js";
import { logGroup } from "../../../src/modules/compute/log-group.js";
import { containerFunction, type ContainerFunctionArgs } from "../../../src/modules/lambda/container-function.js";

function synthFunction(overrides: Partial<ContainerFunctionArgs> = {}) {
  const stack = new TerraformStack(Testing.app(), "test");
  const logs = logGroup(stack, "logs", { name: "/aws/lambda/svc-fn", retentionDays: 7 });
  let env: Array<[string, string]> = [["B", "2"], ["A", "1"]];
  containerFunction(stack, "fn", {
    functionName: "svc-fn",
    description: "fn of svc",
    roleArn: "arn:aws:iam::123456789012:role/svc-fn",
    imageUri: "repo:tag",
    memoryMb: 1024,
    timeoutSeconds: 60,
    environment: () => env,
    subnetIds: ["subnet-a", "subnet-b"],
    securityGroupIds: ["sg-1"],
    dependsOn: [logs],
    ...overrides,
  });
  // Set after construction: the environment is produced at synth.
  env = [...env, ["LATE", "3"]];
  const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return json.resource.aws_lambda_function!.fn!;
}

describe("containerFunction module", () => {
  it("creates an image function with the given memory, timeout and role", () => {
    expect(synthFunction()).toMatchObject({
      function_name: "svc-fn",
      package_type: "Image",
      image_uri: "repo:tag",
      memory_size: 1024,
      timeout: 60,
      role: "arn:aws:iam::123456789012:role/svc-fn",
    });
  });

  it("turns on active X-Ray tracing", () => {
    expect(synthFunction().tracing_config).toEqual({ mode: "Active" });
  });

  it("places the function in the given subnets and security groups", () => {
    expect(synthFunction().vpc_config).toEqual({ subnet_ids: ["subnet-a", "subnet-b"], security_group_ids: ["sg-1"] });
  });

  it("renders the environment at synth, sorted by name", () => {
    const variables = (synthFunction().environment as { variables: Record<string, string> }).variables;
    expect(Object.entries(variables)).toEqual([["A", "1"], ["B", "2"], ["LATE", "3"]]);
  });

  it("mounts no file system unless given one", () => {
    expect(synthFunction().file_system_config).toBeUndefined();
  });

  it("mounts the file system through the access point at the mount path", () => {
    const fn = synthFunction({ fileSystem: { accessPointArn: "arn:aws:elasticfilesystem:ap", mountPath: "/mnt/data" } });
    expect(fn.file_system_config).toEqual({ arn: "arn:aws:elasticfilesystem:ap", local_mount_path: "/mnt/data" });
  });

  it("refuses a mount path Lambda would reject", () => {
    expect(() => synthFunction({ fileSystem: { accessPointArn: "ap", mountPath: "/data" } })).toThrow(/single folder under \/mnt\//);
  });

  it("depends on what it is given, as plain references", () => {
    expect(synthFunction().depends_on).toEqual(["aws_cloudwatch_log_group.logs"]);
  });
});
