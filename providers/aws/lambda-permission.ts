// Written by scripts/add-provider-binding.mjs: LambdaPermission, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/lambda-permission/index.js";
import { load } from "../load.js";

export const { LambdaPermission } = load<typeof Binding>("@cdktf/provider-aws/lib/lambda-permission");
export type LambdaPermission = Binding.LambdaPermission;
export type * from "@cdktf/provider-aws/lib/lambda-permission/index.js";
