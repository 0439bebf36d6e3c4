// Written by scripts/add-provider-binding.mjs: SecurityGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/security-group/index.js";
import { load } from "../load.js";

export const { SecurityGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/security-group");
export type SecurityGroup = Binding.SecurityGroup;
export type * from "@cdktf/provider-aws/lib/security-group/index.js";
