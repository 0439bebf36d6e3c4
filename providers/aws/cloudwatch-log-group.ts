// Written by scripts/add-provider-binding.mjs: CloudwatchLogGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
import { load } from "../load.js";

export const { CloudwatchLogGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/cloudwatch-log-group");
export type CloudwatchLogGroup = Binding.CloudwatchLogGroup;
export type * from "@cdktf/provider-aws/lib/cloudwatch-log-group/index.js";
