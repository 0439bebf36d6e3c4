// An EventBridge Scheduler schedule group: the schedules a stack owns live in it, and the scheduler
// role trusts only calls made for it. Group names are unique per account and region.
import { SchedulerScheduleGroup } from "../../../providers/aws/scheduler-schedule-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export function scheduleGroup(scope: TerraformStack, id: string, args: { name: string }): SchedulerScheduleGroup {
  return new SchedulerScheduleGroup(scope, id, { name: args.name });
}
