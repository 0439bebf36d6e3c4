// Every built-in policy rule: the shared ones and each unit's own (its definition's `policyRules`).
import { RuleIndex } from "../policy/registry.js";
import type { PolicyRule } from "../policy/rule.js";
import { SHARED_RULES } from "../policy/rules/index.js";
import { CAPABILITY_LIST } from "./registry.js";

export const POLICY_RULES: readonly PolicyRule[] = [...SHARED_RULES, ...CAPABILITY_LIST.flatMap((definition) => definition.policyRules ?? [])];

export const POLICY_RULE_INDEX = new RuleIndex(POLICY_RULES);
