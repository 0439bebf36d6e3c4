// Written by scripts/add-provider-binding.mjs: DataAwsSubnets, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-subnets/index.js";
import { load } from "../load.js";

export const { DataAwsSubnets } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-subnets");
export type DataAwsSubnets = Binding.DataAwsSubnets;
export type * from "@cdktf/provider-aws/lib/data-aws-subnets/index.js";
