// Secrets: no literal secret-looking value in any environment block, no literal credentials in
// provider configuration, and no secret written into Terraform state by the resources that hold one.
import type { PolicyElement } from "../element.js";
import { asBlocks, isExpression, splitExpressions } from "../values.js";
import type { PolicyRule } from "../rule.js";
import { containersOf } from "../values.js";

/** Values that are credentials whatever variable holds them. */
const SECRET_VALUE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, "an AWS access key id"],
  [/-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/, "a private key"],
  [/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/, "a GitHub token"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/\b[rs]k_live_[A-Za-z0-9]{20,}/, "a Stripe live key"],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, "a JSON Web Token"],
  [/[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@/i, "a URL with a password in it"],
];

/** Name fragments that mark a variable as holding a secret (the list Trivy's AVD-AWS-0036 uses, and a few more). */
const SENSITIVE_NAME_PARTS = ["password", "passwd", "secret", "private_key", "access_key", "api_key", "apikey", "token", "credential"];
/** Names that mention a secret but hold something else: where it is, what kind it is. */
const NOT_A_SECRET = /(?:^token_type|^version|_arn|_names?|_paths?|_file|_parameter|_param|_id|_url|_uri|_ttl|_type|_header)$/;

/** References to attributes that hold a secret value. */
const SECRET_REFERENCE = /\b(?:random_password\.[\w-]+\.result|aws_secretsmanager_secret_version\.[\w-]+\.secret_string|data\.aws_secretsmanager_secret_version\.[\w-]+\.secret_string|aws_db_instance\.[\w-]+\.password|aws_elasticache_replication_group\.[\w-]+\.auth_token|aws_iam_access_key\.[\w-]+\.secret|tls_private_key\.[\w-]+\.private_key_\w+)\b/;

function sensitiveName(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === "aws_access_key_id" || lower === "aws_secret_access_key") return true;
  return SENSITIVE_NAME_PARTS.some((part) => lower.includes(part)) && !NOT_A_SECRET.test(lower);
}

/** Could this literal be a secret (rather than a flag, a number or a word)? */
const secretLooking = (literal: string) => literal.length >= 8 && !/\s/.test(literal) && !/^\d+$/.test(literal) && !/^(?:true|false)$/i.test(literal);

/** Problems with one environment variable, or none. */
export function environmentVariableProblems(where: string, name: string, value: unknown): string[] {
  if (typeof value !== "string") return [];
  const { literal, expressions } = splitExpressions(value);
  const problems: string[] = [];
  for (const [pattern, what] of SECRET_VALUE_PATTERNS) {
    if (pattern.test(literal)) problems.push(`${where} ${name} holds ${what}`);
  }
  if (problems.length === 0 && sensitiveName(name) && secretLooking(literal)) problems.push(`${where} ${name} holds a literal value under a secret's name`);
  const reference = expressions.map((expression) => SECRET_REFERENCE.exec(expression)?.[0]).find(Boolean);
  if (reference) problems.push(`${where} ${name} takes its value from ${reference}, a secret`);
  return problems.map((problem) => `${problem}: deliver secrets as secrets (ECS secrets, SSM SecureString, Secrets Manager), never as plain environment`);
}

function environmentProblems(element: PolicyElement): string[] {
  if (element.type === "aws_ecs_task_definition") {
    const read = containersOf(element);
    // Unreadable container definitions are reported by PLT-ECS-003.
    if ("problem" in read) return [];
    return read.containers.flatMap((container) =>
      asBlocks(container.environment).flatMap((variable) =>
        environmentVariableProblems(`container "${String(container.name)}" environment`, String(variable.name), variable.value),
      ),
    );
  }
  const variables = element.block("environment")?.variables;
  if (typeof variables !== "object" || variables === null) return [];
  return Object.entries(variables).flatMap(([name, value]) => environmentVariableProblems("environment", name, value));
}

/** Provider arguments that are credentials. */
const PROVIDER_CREDENTIALS: Record<string, readonly string[]> = {
  "provider.aws": ["access_key", "secret_key", "token"],
  "provider.cloudflare": ["api_token", "api_key", "api_user_service_key"],
};

/** Resource arguments whose value Terraform stores in state. Write-only arguments (`*_wo`) are the way around. */
const SECRETS_IN_STATE: Record<string, readonly string[]> = {
  aws_db_instance: ["password"],
  aws_rds_cluster: ["master_password"],
  aws_elasticache_replication_group: ["auth_token"],
  aws_elasticache_user: ["passwords"],
  aws_ssm_parameter: ["value", "insecure_value"],
  aws_secretsmanager_secret_version: ["secret_string", "secret_binary"],
};

export const SECRET_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-SEC-001",
    title: "No environment block holds a literal secret-looking value or a reference to a secret.",
    severity: "error",
    appliesTo: ["aws_ecs_task_definition", "aws_lambda_function"],
    equivalents: { checkov: ["CKV_AWS_45"], trivy: ["AVD-AWS-0036"] },
    exceptable: false,
    check: environmentProblems,
  },
  {
    id: "PLT-SEC-002",
    title: "Provider credentials are never literals in the configuration.",
    severity: "error",
    appliesTo: Object.keys(PROVIDER_CREDENTIALS),
    equivalents: { checkov: ["CKV_AWS_41"], trivy: [] },
    exceptable: false,
    check: (provider) =>
      (PROVIDER_CREDENTIALS[provider.type] ?? [])
        .filter((name) => provider.has(name) && !isExpression(provider.attr(name)))
        .map((name) => `${name} is a literal; read it from the environment or an ephemeral resource`),
  },
  {
    id: "PLT-SEC-003",
    title: "No resource writes a secret value into Terraform state (use RDS-managed passwords, write-only arguments, or values put out of band).",
    severity: "error",
    appliesTo: [...Object.keys(SECRETS_IN_STATE), "aws_iam_access_key"],
    equivalents: { checkov: [], trivy: [] },
    exceptable: false,
    check: (element) => {
      if (element.type === "aws_iam_access_key") return ["an access key's secret is stored in state; use roles instead of long-lived keys"];
      return (SECRETS_IN_STATE[element.type] ?? []).filter((name) => element.has(name)).map((name) => `${name} is stored in Terraform state`);
    },
  },
];
