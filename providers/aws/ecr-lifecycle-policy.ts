// Written by scripts/add-provider-binding.mjs: EcrLifecyclePolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js";
import { load } from "../load.js";

export const { EcrLifecyclePolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/ecr-lifecycle-policy");
export type EcrLifecyclePolicy = Binding.EcrLifecyclePolicy;
export type * from "@cdktf/provider-aws/lib/ecr-lifecycle-policy/index.js";
