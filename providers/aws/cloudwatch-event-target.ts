// Written by scripts/add-provider-binding.mjs: CloudwatchEventTarget, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/cloudwatch-event-target/index.js";
import { load } from "../load.js";

export const { CloudwatchEventTarget } = load<typeof Binding>("@cdktf/provider-aws/lib/cloudwatch-event-target");
export type CloudwatchEventTarget = Binding.CloudwatchEventTarget;
export type * from "@cdktf/provider-aws/lib/cloudwatch-event-target/index.js";
