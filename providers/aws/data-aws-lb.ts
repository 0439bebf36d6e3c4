// Written by scripts/add-provider-binding.mjs: DataAwsLb, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-lb/index.js";
import { load } from "../load.js";

export const { DataAwsLb } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-lb");
export type DataAwsLb = Binding.DataAwsLb;
export type * from "@cdktf/provider-aws/lib/data-aws-lb/index.js";
