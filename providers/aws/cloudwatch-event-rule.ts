// Written by scripts/add-provider-binding.mjs: CloudwatchEventRule, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js";
import { load } from "../load.js";

export const { CloudwatchEventRule } = load<typeof Binding>("@cdktf/provider-aws/lib/cloudwatch-event-rule");
export type CloudwatchEventRule = Binding.CloudwatchEventRule;
export type * from "@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js";
