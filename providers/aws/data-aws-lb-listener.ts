// Written by scripts/add-provider-binding.mjs: DataAwsLbListener, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-lb-listener/index.js";
import { load } from "../load.js";

export const { DataAwsLbListener } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-lb-listener");
export type DataAwsLbListener = Binding.DataAwsLbListener;
export type * from "@cdktf/provider-aws/lib/data-aws-lb-listener/index.js";
