// An ECS cluster with Container Insights, running on Fargate capacity (and Fargate Spot when asked).
import { EcsCluster } from "../../../providers/aws/ecs-cluster.js";
import { EcsClusterCapacityProviders } from "../../../providers/aws/ecs-cluster-capacity-providers.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EcsClusterArgs {
  name: string;
  /** ECS Exec sessions are logged to this CloudWatch log group. Unset: ECS Exec is not configured. */
  execLogGroupName?: string;
}

export function ecsCluster(scope: TerraformStack, id: string, args: EcsClusterArgs): EcsCluster {
  return new EcsCluster(scope, id, {
    name: args.name,
    setting: [{ name: "containerInsights", value: "enabled" }],
    ...(args.execLogGroupName
      ? {
          configuration: {
            executeCommandConfiguration: {
              logging: "OVERRIDE",
              logConfiguration: { cloudWatchLogGroupName: args.execLogGroupName },
            },
          },
        }
      : {}),
  });
}

/** Associates the FARGATE and FARGATE_SPOT capacity providers with the cluster (needed for a Spot strategy). */
export function fargateCapacityProviders(scope: TerraformStack, id: string, clusterName: string): EcsClusterCapacityProviders {
  return new EcsClusterCapacityProviders(scope, id, { clusterName, capacityProviders: ["FARGATE", "FARGATE_SPOT"] });
}
