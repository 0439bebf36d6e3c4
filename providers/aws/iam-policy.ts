// Written by scripts/add-provider-binding.mjs: IamPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/iam-policy/index.js";
import { load } from "../load.js";

export const { IamPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/iam-policy");
export type IamPolicy = Binding.IamPolicy;
export type * from "@cdktf/provider-aws/lib/iam-policy/index.js";
