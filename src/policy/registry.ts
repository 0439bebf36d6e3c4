// Every built-in policy rule, by id and by the Terraform type it reads. docs/security.md lists the
// same rules with their scanner equivalents (a test keeps the two in step).
import type { PolicyRule } from "./rule.js";
import { ECR_RULES } from "./rules/ecr.js";
import { ECS_RULES } from "./rules/ecs.js";
import { ENCRYPTION_RULES } from "./rules/encryption.js";
import { IAM_RULES } from "./rules/iam.js";
import { LAMBDA_RULES } from "./rules/lambda.js";
import { LOG_RULES } from "./rules/logs.js";
import { RDS_RULES } from "./rules/rds.js";
import { SECRET_RULES } from "./rules/secrets.js";
import { SECURITY_GROUP_RULES } from "./rules/security-groups.js";

export const POLICY_RULES: readonly PolicyRule[] = [
  ...ENCRYPTION_RULES,
  ...RDS_RULES,
  ...ECR_RULES,
  ...LOG_RULES,
  ...ECS_RULES,
  ...LAMBDA_RULES,
  ...SECURITY_GROUP_RULES,
  ...IAM_RULES,
  ...SECRET_RULES,
];

const byId = new Map<string, PolicyRule>();
const byType = new Map<string, PolicyRule[]>();
for (const rule of POLICY_RULES) {
  if (byId.has(rule.id)) throw new Error(`policy rule ${rule.id} is defined twice`);
  byId.set(rule.id, rule);
  for (const type of rule.appliesTo) byType.set(type, [...(byType.get(type) ?? []), rule]);
}

export function ruleById(id: string): PolicyRule | undefined {
  return byId.get(id);
}

const NONE: readonly PolicyRule[] = [];

/** The rules that read elements of this type (`aws_db_instance`, `provider.aws`). */
export function rulesFor(type: string): readonly PolicyRule[] {
  return byType.get(type) ?? NONE;
}
