// Written by scripts/add-provider-binding.mjs: AwsProvider, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/provider/index.js";
import { load } from "../load.js";

export const { AwsProvider } = load<typeof Binding>("@cdktf/provider-aws/lib/provider");
export type AwsProvider = Binding.AwsProvider;
export type * from "@cdktf/provider-aws/lib/provider/index.js";
