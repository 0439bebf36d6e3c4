// Written by scripts/add-provider-binding.mjs: SchedulerSchedule, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/scheduler-schedule/index.js";
import { load } from "../load.js";

export const { SchedulerSchedule } = load<typeof Binding>("@cdktf/provider-aws/lib/scheduler-schedule");
export type SchedulerSchedule = Binding.SchedulerSchedule;
export type * from "@cdktf/provider-aws/lib/scheduler-schedule/index.js";
