// Written by scripts/add-provider-binding.mjs: DataAwsPartition, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-partition/index.js";
import { load } from "../load.js";

export const { DataAwsPartition } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-partition");
export type DataAwsPartition = Binding.DataAwsPartition;
export type * from "@cdktf/provider-aws/lib/data-aws-partition/index.js";
