// Written by scripts/add-provider-binding.mjs: DataAwsSsmParameter, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js";
import { load } from "../load.js";

export const { DataAwsSsmParameter } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-ssm-parameter");
export type DataAwsSsmParameter = Binding.DataAwsSsmParameter;
export type * from "@cdktf/provider-aws/lib/data-aws-ssm-parameter/index.js";
