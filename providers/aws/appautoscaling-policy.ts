// Written by scripts/add-provider-binding.mjs: AppautoscalingPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/appautoscaling-policy/index.js";
import { load } from "../load.js";

export const { AppautoscalingPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/appautoscaling-policy");
export type AppautoscalingPolicy = Binding.AppautoscalingPolicy;
export type * from "@cdktf/provider-aws/lib/appautoscaling-policy/index.js";
