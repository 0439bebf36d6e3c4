// Written by scripts/add-provider-binding.mjs: CloudwatchEventBus, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/cloudwatch-event-bus/index.js";
import { load } from "../load.js";

export const { CloudwatchEventBus } = load<typeof Binding>("@cdktf/provider-aws/lib/cloudwatch-event-bus");
export type CloudwatchEventBus = Binding.CloudwatchEventBus;
export type * from "@cdktf/provider-aws/lib/cloudwatch-event-bus/index.js";
