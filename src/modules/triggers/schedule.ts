// One EventBridge Scheduler schedule in a group: when it fires, and the one target it runs with the
// scheduler role (a function to invoke, or a Fargate task to run in the given subnets and security
// groups), with a retry policy and a dead-letter queue for runs that still fail.
import { SchedulerSchedule } from "../../../providers/aws/scheduler-schedule.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface ScheduleEcsTask {
  /** The task definition ARN (any revision: the schedule runs the one given). */
  taskDefinitionArn: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export interface ScheduleArgs {
  name: string;
  groupName: string;
  description: string;
  /** cron(...), rate(...) or at(...), already validated. */
  expression: string;
  /** IANA name. */
  timezone: string;
  /** 0: on time (mode OFF); otherwise the flexible window in minutes. */
  flexibleWindowMinutes: number;
  target: {
    /** The function ARN or the ECS cluster ARN (with `ecs`). */
    arn: string;
    roleArn: string;
    /** JSON text the target receives (a function's event, a task's overrides); user text in it arrives escaped (src/engine/literal.ts). */
    input?: string;
    deadLetterQueueArn: string;
    maximumRetryAttempts: number;
    maximumEventAgeSeconds: number;
    ecs?: ScheduleEcsTask;
  };
}

export function schedule(scope: TerraformStack, id: string, args: ScheduleArgs): SchedulerSchedule {
  const { target } = args;
  return new SchedulerSchedule(scope, id, {
    name: args.name,
    groupName: args.groupName,
    description: args.description,
    scheduleExpression: args.expression,
    scheduleExpressionTimezone: args.timezone,
    flexibleTimeWindow: args.flexibleWindowMinutes > 0 ? { mode: "FLEXIBLE", maximumWindowInMinutes: args.flexibleWindowMinutes } : { mode: "OFF" },
    target: {
      arn: target.arn,
      roleArn: target.roleArn,
      ...(target.input !== undefined ? { input: target.input } : {}),
      deadLetterConfig: { arn: target.deadLetterQueueArn },
      retryPolicy: { maximumRetryAttempts: target.maximumRetryAttempts, maximumEventAgeInSeconds: target.maximumEventAgeSeconds },
      ...(target.ecs
        ? {
            ecsParameters: {
              taskDefinitionArn: target.ecs.taskDefinitionArn,
              launchType: "FARGATE",
              taskCount: 1,
              networkConfiguration: { subnets: target.ecs.subnetIds, securityGroups: target.ecs.securityGroupIds, assignPublicIp: false },
            },
          }
        : {}),
    },
  });
}
