// Written by scripts/add-provider-binding.mjs: LbListenerRule, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/lb-listener-rule/index.js";
import { load } from "../load.js";

export const { LbListenerRule } = load<typeof Binding>("@cdktf/provider-aws/lib/lb-listener-rule");
export type LbListenerRule = Binding.LbListenerRule;
export type * from "@cdktf/provider-aws/lib/lb-listener-rule/index.js";
