// Written by scripts/add-provider-binding.mjs: IamRole, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/iam-role/index.js";
import { load } from "../load.js";

export const { IamRole } = load<typeof Binding>("@cdktf/provider-aws/lib/iam-role");
export type IamRole = Binding.IamRole;
export type * from "@cdktf/provider-aws/lib/iam-role/index.js";
