// Written by scripts/add-provider-binding.mjs: DataAwsSubnet, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-subnet/index.js";
import { load } from "../load.js";

export const { DataAwsSubnet } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-subnet");
export type DataAwsSubnet = Binding.DataAwsSubnet;
export type * from "@cdktf/provider-aws/lib/data-aws-subnet/index.js";
