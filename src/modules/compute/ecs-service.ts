// An ECS service on Fargate in private subnets, without public IPs, rolling back failed deployments.
import { EcsService } from "../../../providers/aws/ecs-service.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EcsServiceArgs {
  name: string;
  clusterArn: string;
  taskDefinitionArn: string;
  desiredCount: number;
  subnetIds: string[];
  securityGroupIds: string[];
}

export function ecsService(scope: TerraformStack, id: string, args: EcsServiceArgs): EcsService {
  return new EcsService(scope, id, {
    name: args.name,
    cluster: args.clusterArn,
    taskDefinition: args.taskDefinitionArn,
    desiredCount: args.desiredCount,
    launchType: "FARGATE",
    networkConfiguration: { subnets: args.subnetIds, securityGroups: args.securityGroupIds, assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    propagateTags: "SERVICE",
    enableEcsManagedTags: true,
  });
}
