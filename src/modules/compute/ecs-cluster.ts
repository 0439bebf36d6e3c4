// An ECS cluster with Container Insights, running on Fargate capacity.
import { EcsCluster } from "../../../providers/aws/ecs-cluster.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export function ecsCluster(scope: TerraformStack, id: string, args: { name: string }): EcsCluster {
  return new EcsCluster(scope, id, {
    name: args.name,
    setting: [{ name: "containerInsights", value: "enabled" }],
  });
}
