// Written by scripts/add-provider-binding.mjs: VpcSecurityGroupEgressRule, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js";
import { load } from "../load.js";

export const { VpcSecurityGroupEgressRule } = load<typeof Binding>("@cdktf/provider-aws/lib/vpc-security-group-egress-rule");
export type VpcSecurityGroupEgressRule = Binding.VpcSecurityGroupEgressRule;
export type * from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule/index.js";
