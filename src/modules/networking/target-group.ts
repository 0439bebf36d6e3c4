// The load balancer target group of a Fargate service: IP targets, HTTP behind the TLS-terminating
// shared ALB, replaced (under a new hashed name) before the old one is destroyed.
import { LbTargetGroup } from "../../../providers/aws/lb-target-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface TargetGroupArgs {
  name: string;
  port: number;
  protocol: "HTTP";
  vpcId: string;
  healthCheckPath: string;
  /** Health checks to another port of the targets than the traffic port (e.g. past a proxy). */
  healthCheckPort?: number;
}

export function targetGroup(scope: TerraformStack, id: string, args: TargetGroupArgs): LbTargetGroup {
  return new LbTargetGroup(scope, id, {
    name: args.name,
    port: args.port,
    protocol: args.protocol,
    targetType: "ip",
    vpcId: args.vpcId,
    healthCheck: {
      enabled: true,
      path: args.healthCheckPath,
      protocol: args.protocol,
      matcher: "200",
      ...(args.healthCheckPort !== undefined ? { port: String(args.healthCheckPort) } : {}),
    },
    lifecycle: { createBeforeDestroy: true },
  });
}
