// Rules for resources many units create (image repositories, log groups, functions, security groups,
// IAM roles and policies) and for what no single unit owns (secrets in configuration or state).
// Each unit's own rules are in its folder (src/capabilities/<section>/policy.ts).
import type { PolicyRule } from "../rule.js";
import { ECR_RULES } from "./ecr.js";
import { IAM_RULES } from "./iam.js";
import { LAMBDA_RULES } from "./lambda.js";
import { LOG_RULES } from "./logs.js";
import { SECRET_RULES } from "./secrets.js";
import { SECURITY_GROUP_RULES } from "./security-groups.js";

export const SHARED_RULES: readonly PolicyRule[] = [...ECR_RULES, ...LOG_RULES, ...LAMBDA_RULES, ...SECURITY_GROUP_RULES, ...IAM_RULES, ...SECRET_RULES];
