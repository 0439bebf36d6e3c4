// Written by scripts/add-provider-binding.mjs: IamRolePolicyAttachment, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
import { load } from "../load.js";

export const { IamRolePolicyAttachment } = load<typeof Binding>("@cdktf/provider-aws/lib/iam-role-policy-attachment");
export type IamRolePolicyAttachment = Binding.IamRolePolicyAttachment;
export type * from "@cdktf/provider-aws/lib/iam-role-policy-attachment/index.js";
