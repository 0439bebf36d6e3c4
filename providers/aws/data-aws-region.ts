// Written by scripts/add-provider-binding.mjs: DataAwsRegion, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-region/index.js";
import { load } from "../load.js";

export const { DataAwsRegion } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-region");
export type DataAwsRegion = Binding.DataAwsRegion;
export type * from "@cdktf/provider-aws/lib/data-aws-region/index.js";
