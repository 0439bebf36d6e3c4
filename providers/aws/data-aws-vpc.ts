// Written by scripts/add-provider-binding.mjs: DataAwsVpc, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-vpc/index.js";
import { load } from "../load.js";

export const { DataAwsVpc } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-vpc");
export type DataAwsVpc = Binding.DataAwsVpc;
export type * from "@cdktf/provider-aws/lib/data-aws-vpc/index.js";
