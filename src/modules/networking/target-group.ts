// The load balancer target group of a Fargate service: IP targets, HTTP behind the TLS-terminating
// shared ALB, replaced (under a new hashed name) before the old one is destroyed.
import { LbTargetGroup } from "../../../providers/aws/lb-target-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface TargetGroupArgs {
  name: string;
  port: number;
  protocol: "HTTP";
  vpcId: string;
  healthCheck: {
    path: string;
    /** The matcher: codes that mean healthy. */
    successCodes: string;
    /** Unset: AWS's default. */
    interval?: number;
    timeout?: number;
    healthyThreshold?: number;
    unhealthyThreshold?: number;
  };
  /** Health checks to another port of the targets than the traffic port (e.g. past a proxy). */
  healthCheckPort?: number;
}

export function targetGroup(scope: TerraformStack, id: string, args: TargetGroupArgs): LbTargetGroup {
  const check = args.healthCheck;
  return new LbTargetGroup(scope, id, {
    name: args.name,
    port: args.port,
    protocol: args.protocol,
    targetType: "ip",
    vpcId: args.vpcId,
    healthCheck: {
      enabled: true,
      path: check.path,
      protocol: args.protocol,
      matcher: check.successCodes,
      ...(check.interval !== undefined ? { interval: check.interval } : {}),
      ...(check.timeout !== undefined ? { timeout: check.timeout } : {}),
      ...(check.healthyThreshold !== undefined ? { healthyThreshold: check.healthyThreshold } : {}),
      ...(check.unhealthyThreshold !== undefined ? { unhealthyThreshold: check.unhealthyThreshold } : {}),
      ...(args.healthCheckPort !== undefined ? { port: String(args.healthCheckPort) } : {}),
    },
    lifecycle: { createBeforeDestroy: true },
  });
}
