import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../../../providers/cdktf.js";
import { AWS_PROVIDER_FOR_PUBLIC_URLS, functionUrl, type FunctionUrlArgs } from "../../../src/modules/lambda/function-url.js";

type Json = { resource: Record<string, Record<string, Record<string, unknown>>>; terraform?: Record<string, unknown> };

function synthUrl(args: Partial<FunctionUrlArgs> = {}) {
  const stack = new TerraformStack(Testing.app(), "test");
  functionUrl(stack, "url", { functionName: "svc-fn", authorization: "AWS_IAM", invokeMode: "RESPONSE_STREAM", ...args });
  return JSON.parse(Testing.synth(stack)) as Json;
}

describe("functionUrl module", () => {
  it("creates the URL with the given auth type and invoke mode", () => {
    const json = synthUrl({ invokeMode: "BUFFERED" });
    expect(json.resource.aws_lambda_function_url!.url).toEqual({ function_name: "svc-fn", authorization_type: "AWS_IAM", invoke_mode: "BUFFERED" });
  });

  it("adds no resource-policy statement for an IAM-auth URL", () => {
    expect(synthUrl().resource.aws_lambda_permission).toBeUndefined();
  });

  it("lets anyone call a public URL through lambda:InvokeFunctionUrl for auth type NONE", () => {
    const json = synthUrl({ authorization: "NONE" });
    expect(json.resource.aws_lambda_permission!.url_public_access).toEqual({
      function_name: "svc-fn",
      statement_id: "FunctionURLAllowPublicAccess",
      action: "lambda:InvokeFunctionUrl",
      principal: "*",
      function_url_auth_type: "NONE",
    });
  });

  it("grants the public lambda:InvokeFunction only through the function URL", () => {
    const json = synthUrl({ authorization: "NONE" });
    expect(json.resource.aws_lambda_permission!.url_public_invoke).toEqual({
      function_name: "svc-fn",
      statement_id: "FunctionURLAllowInvokeAction",
      action: "lambda:InvokeFunction",
      principal: "*",
      invoked_via_function_url: true,
    });
  });

  it("raises the AWS provider constraint to a version that knows invoked_via_function_url", () => {
    const json = synthUrl({ authorization: "NONE" });
    expect((json.terraform?.required_providers as Record<string, { version: string }> | undefined)?.aws?.version).toBe(AWS_PROVIDER_FOR_PUBLIC_URLS);
    expect(AWS_PROVIDER_FOR_PUBLIC_URLS).toBe("~> 6.28");
  });

  it("leaves the provider constraint alone for an IAM-auth URL", () => {
    const json = synthUrl();
    expect(json.terraform?.required_providers).toBeUndefined();
  });
});
