// Written by scripts/add-provider-binding.mjs: VpcSecurityGroupIngressRule, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js";
import { load } from "../load.js";

export const { VpcSecurityGroupIngressRule } = load<typeof Binding>("@cdktf/provider-aws/lib/vpc-security-group-ingress-rule");
export type VpcSecurityGroupIngressRule = Binding.VpcSecurityGroupIngressRule;
export type * from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule/index.js";
