// Target-tracking autoscaling of the ECS service (Application Auto Scaling): one scalable target
// between instances.min and instances.max, one policy per target the spec sets. Policy names are
// stable (<service>-<metric>), so changing a target value updates the policy in place.
// Deleting an ECS service deletes its scalable target and their policies on the AWS side, so a plan
// that replaces the service replaces them too (lifecycle.replace_triggered_by): the target follows
// the service's id, each policy its target's id.
import { AppautoscalingPolicy } from "../../../providers/aws/appautoscaling-policy.js";
import { AppautoscalingTarget } from "../../../providers/aws/appautoscaling-target.js";
import type { TerraformResource, TerraformStack } from "../../../providers/cdktf.js";
import type { ScalingConfig } from "../../../schema/compute.js";

export interface ScalableService {
  clusterName: string;
  serviceName: string;
  min: number;
  max: number;
  /** The ECS service itself: its replacement replaces the target. */
  resource: TerraformResource;
}

/** `<type>.<name>.id` as replace_triggered_by takes it (a bare reference, not "${...}"). */
export function idReference(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}.id`;
}

/** The scalable target of the service's desired count. */
export function scalingTarget(scope: TerraformStack, id: string, service: ScalableService): AppautoscalingTarget {
  return new AppautoscalingTarget(scope, id, {
    serviceNamespace: "ecs",
    scalableDimension: "ecs:service:DesiredCount",
    resourceId: `service/${service.clusterName}/${service.serviceName}`,
    minCapacity: service.min,
    maxCapacity: service.max,
    lifecycle: { replaceTriggeredBy: [idReference(service.resource)] },
  });
}

export type ScalingMetric = "cpu" | "memory" | "requests";

const PREDEFINED: Record<ScalingMetric, string> = {
  cpu: "ECSServiceAverageCPUUtilization",
  memory: "ECSServiceAverageMemoryUtilization",
  requests: "ALBRequestCountPerTarget",
};

export interface TrackingPolicyArgs {
  /** `<service>-<metric>`. */
  name: string;
  metric: ScalingMetric;
  targetValue: number;
  scaling: ScalingConfig;
  /** For `requests`: `<load balancer arn suffix>/<target group arn suffix>`. */
  resourceLabel?: string;
}

export function trackingPolicy(scope: TerraformStack, id: string, target: AppautoscalingTarget, args: TrackingPolicyArgs): AppautoscalingPolicy {
  return new AppautoscalingPolicy(scope, id, {
    name: args.name,
    policyType: "TargetTrackingScaling",
    serviceNamespace: target.serviceNamespace,
    scalableDimension: target.scalableDimension,
    resourceId: target.resourceId,
    lifecycle: { replaceTriggeredBy: [idReference(target)] },
    targetTrackingScalingPolicyConfiguration: {
      targetValue: args.targetValue,
      scaleInCooldown: args.scaling.scaleInCooldown,
      scaleOutCooldown: args.scaling.scaleOutCooldown,
      predefinedMetricSpecification: {
        predefinedMetricType: PREDEFINED[args.metric],
        ...(args.resourceLabel ? { resourceLabel: args.resourceLabel } : {}),
      },
    },
  });
}
