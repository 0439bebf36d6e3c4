// Written by scripts/add-provider-binding.mjs: SchedulerScheduleGroup, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/scheduler-schedule-group/index.js";
import { load } from "../load.js";

export const { SchedulerScheduleGroup } = load<typeof Binding>("@cdktf/provider-aws/lib/scheduler-schedule-group");
export type SchedulerScheduleGroup = Binding.SchedulerScheduleGroup;
export type * from "@cdktf/provider-aws/lib/scheduler-schedule-group/index.js";
