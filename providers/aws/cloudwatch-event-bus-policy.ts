// Written by scripts/add-provider-binding.mjs: CloudwatchEventBusPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/cloudwatch-event-bus-policy/index.js";
import { load } from "../load.js";

export const { CloudwatchEventBusPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/cloudwatch-event-bus-policy");
export type CloudwatchEventBusPolicy = Binding.CloudwatchEventBusPolicy;
export type * from "@cdktf/provider-aws/lib/cloudwatch-event-bus-policy/index.js";
