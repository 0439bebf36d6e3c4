// Written by scripts/add-provider-binding.mjs: DataAwsCallerIdentity, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
import { load } from "../load.js";

export const { DataAwsCallerIdentity } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-caller-identity");
export type DataAwsCallerIdentity = Binding.DataAwsCallerIdentity;
export type * from "@cdktf/provider-aws/lib/data-aws-caller-identity/index.js";
