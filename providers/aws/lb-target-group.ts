// Written by scripts/add-provider-binding.mjs: LbTargetGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/lb-target-group/index.js";
import { load } from "../load.js";

export const { LbTargetGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/lb-target-group");
export type LbTargetGroup = Binding.LbTargetGroup;
export type * from "@cdktf/provider-aws/lib/lb-target-group/index.js";
