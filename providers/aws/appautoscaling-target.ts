// Written by scripts/add-provider-binding.mjs: AppautoscalingTarget, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/appautoscaling-target/index.js";
import { load } from "../load.js";

export const { AppautoscalingTarget } = load<typeof Binding>("@cdktf/provider-aws/lib/appautoscaling-target");
export type AppautoscalingTarget = Binding.AppautoscalingTarget;
export type * from "@cdktf/provider-aws/lib/appautoscaling-target/index.js";
