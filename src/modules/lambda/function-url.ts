// A Lambda Function URL. With IAM auth, callers need identity grants (made by the caller's role);
// a public URL (auth NONE) also needs the function's resource policy to admit everyone, through
// the URL only.
import { LambdaFunctionUrl } from "../../../providers/aws/lambda-function-url.js";
import { LambdaPermission } from "../../../providers/aws/lambda-permission.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export type FunctionUrlAuth = "AWS_IAM" | "NONE";
export type FunctionInvokeMode = "RESPONSE_STREAM" | "BUFFERED";

/**
 * `invoked_via_function_url` on aws_lambda_permission exists from hashicorp/aws 6.28; the 6.25
 * bindings lack it, so it is added by override and the stack's provider constraint is raised.
 */
export const AWS_PROVIDER_FOR_PUBLIC_URLS = "~> 6.28";

export interface FunctionUrlArgs {
  /** Name (or a reference to the name) of the function. */
  functionName: string;
  authorization: FunctionUrlAuth;
  invokeMode: FunctionInvokeMode;
}

export interface FunctionUrl {
  url: LambdaFunctionUrl;
  /** The two resource-policy statements of a public URL; empty with IAM auth. */
  publicPermissions: LambdaPermission[];
}

/**
 * Creates `<id>` (the URL) and, when public, `<id>_public_access` (lambda:InvokeFunctionUrl for
 * URLs of auth type NONE) and `<id>_public_invoke` (lambda:InvokeFunction, only through the URL).
 * Since late 2025 a URL call needs both actions; a bare public InvokeFunction would let anyone
 * call the Invoke API directly, so it is never granted.
 */
export function functionUrl(scope: TerraformStack, id: string, args: FunctionUrlArgs): FunctionUrl {
  const url = new LambdaFunctionUrl(scope, id, {
    functionName: args.functionName,
    authorizationType: args.authorization,
    invokeMode: args.invokeMode,
  });
  if (args.authorization === "AWS_IAM") return { url, publicPermissions: [] };

  const access = new LambdaPermission(scope, `${id}_public_access`, {
    functionName: args.functionName,
    statementId: "FunctionURLAllowPublicAccess",
    action: "lambda:InvokeFunctionUrl",
    principal: "*",
    functionUrlAuthType: "NONE",
  });
  const invoke = new LambdaPermission(scope, `${id}_public_invoke`, {
    functionName: args.functionName,
    statementId: "FunctionURLAllowInvokeAction",
    action: "lambda:InvokeFunction",
    principal: "*",
  });
  invoke.addOverride("invoked_via_function_url", true);
  scope.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_FOR_PUBLIC_URLS);
  return { url, publicPermissions: [access, invoke] };
}
