// Lambda: traced, inside the VPC, Function URLs behind IAM unless declared public, and invoke
// permissions that name who may call and how.
import { asBool, asList } from "../values.js";
import type { PolicyRule } from "../rule.js";
import { violation } from "../wording.js";

const isPublicPrincipal = (principal: unknown) => principal === "*";

export const LAMBDA_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-LMB-001",
    title: "Lambda functions have active X-Ray tracing.",
    severity: "error",
    appliesTo: ["aws_lambda_function"],
    equivalents: { checkov: ["CKV_AWS_50"], trivy: ["AVD-AWS-0066"] },
    exceptable: false,
    check: (fn) => (fn.block("tracing_config")?.mode === "Active" ? [] : [violation("tracing is not active", "tracing_config.mode", fn.block("tracing_config")?.mode, '"Active"')]),
  },
  {
    id: "PLT-LMB-002",
    title: "Lambda functions run inside the VPC (subnets and security groups set).",
    severity: "error",
    appliesTo: ["aws_lambda_function"],
    equivalents: { checkov: ["CKV_AWS_117"], trivy: [] },
    exceptable: false,
    check: (fn) => {
      const vpc = fn.block("vpc_config");
      return vpc && asList(vpc.subnet_ids).length > 0 && asList(vpc.security_group_ids).length > 0
        ? []
        : ["the function is not attached to the VPC (vpc_config with subnet_ids and security_group_ids)"];
    },
  },
  {
    id: "PLT-LMB-003",
    title: "Lambda Function URLs require IAM authorization unless the function is declared public.",
    severity: "error",
    appliesTo: ["aws_lambda_function_url"],
    equivalents: { checkov: ["CKV_AWS_258"], trivy: [] },
    exceptable: true,
    check: (url) => (url.string("authorization_type") === "NONE" ? [violation("the URL is public", "authorization_type", "NONE", '"AWS_IAM"')] : []),
  },
  {
    id: "PLT-LMB-004",
    title: "Lambda invoke permissions are scoped: public ones only through the Function URL, service principals to a source ARN or account.",
    severity: "error",
    appliesTo: ["aws_lambda_permission"],
    equivalents: { checkov: ["CKV_AWS_364"], trivy: ["AVD-AWS-0067"] },
    exceptable: false,
    check: (permission) => {
      const principal = permission.string("principal") ?? "";
      const action = permission.string("action") ?? "";
      if (isPublicPrincipal(principal)) {
        if (action === "lambda:InvokeFunctionUrl") {
          return permission.has("function_url_auth_type") ? [] : ["a public lambda:InvokeFunctionUrl permission must name function_url_auth_type"];
        }
        if (action === "lambda:InvokeFunction" && asBool(permission.attr("invoked_via_function_url")) === true) return [];
        return [
          violation(`"${action}" is granted to everyone, not only through the Function URL`, "invoked_via_function_url", asBool(permission.attr("invoked_via_function_url")), "true"),
        ];
      }
      if (principal.endsWith(".amazonaws.com") && !permission.has("source_arn") && !permission.has("source_account")) {
        return [`the service principal ${principal} may invoke on behalf of any account (set source_arn or source_account)`];
      }
      return [];
    },
  },
  {
    id: "PLT-LMB-005",
    title: "Lambda functions grant no public (principal \"*\") invoke permission unless the function is declared public.",
    severity: "error",
    appliesTo: ["aws_lambda_permission"],
    equivalents: { checkov: ["CKV_AWS_301"], trivy: [] },
    exceptable: true,
    check: (permission) =>
      isPublicPrincipal(permission.string("principal"))
        ? [violation("anyone may invoke the function", "principal", permission.string("principal"), "an account or service principal")]
        : [],
  },
];
