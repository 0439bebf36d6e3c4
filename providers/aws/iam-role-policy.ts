// Written by scripts/add-provider-binding.mjs: IamRolePolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
import { load } from "../load.js";

export const { IamRolePolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/iam-role-policy");
export type IamRolePolicy = Binding.IamRolePolicy;
export type * from "@cdktf/provider-aws/lib/iam-role-policy/index.js";
