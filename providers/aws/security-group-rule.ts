// Written by scripts/add-provider-binding.mjs: SecurityGroupRule, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/security-group-rule/index.js";
import { load } from "../load.js";

export const { SecurityGroupRule } = load<typeof Binding>("@cdktf/provider-aws/lib/security-group-rule");
export type SecurityGroupRule = Binding.SecurityGroupRule;
export type * from "@cdktf/provider-aws/lib/security-group-rule/index.js";
