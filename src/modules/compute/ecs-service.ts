// An ECS service on Fargate in private subnets, without public IPs, rolling back failed deployments.
import { EcsService } from "../../../providers/aws/ecs-service.js";
import type { ITerraformDependable, TerraformStack } from "../../../providers/cdktf.js";

export interface EcsServiceArgs {
  name: string;
  clusterArn: string;
  taskDefinitionArn: string;
  desiredCount: number;
  subnetIds: string[];
  securityGroupIds: string[];
  /** Cloud Map service to register each task in (A records). */
  serviceRegistryArn?: string;
  /** Resources tasks need before they can start, e.g. the EFS mount targets of a mounted volume. */
  dependsOn?: ITerraformDependable[];
  /** Autoscaling owns the desired count after creation: Terraform sets it once and then leaves it. */
  scaled?: boolean;
  /** Seconds after a task starts during which failed health checks are ignored; unset: AWS's default (0). */
  healthCheckGracePeriod?: number;
  /**
   * Capacity provider strategy instead of the FARGATE launch type (Spot). The provider updates a
   * service's strategy in place only with force_new_deployment = true.
   */
  capacityProviders?: Array<{ capacityProvider: "FARGATE" | "FARGATE_SPOT"; weight: number; base?: number }>;
  /** ECS Exec into the running tasks. */
  enableExecuteCommand?: boolean;
}

export function ecsService(scope: TerraformStack, id: string, args: EcsServiceArgs): EcsService {
  return new EcsService(scope, id, {
    name: args.name,
    cluster: args.clusterArn,
    taskDefinition: args.taskDefinitionArn,
    desiredCount: args.desiredCount,
    ...(args.capacityProviders
      ? { capacityProviderStrategy: args.capacityProviders, forceNewDeployment: true }
      : { launchType: "FARGATE" }),
    networkConfiguration: { subnets: args.subnetIds, securityGroups: args.securityGroupIds, assignPublicIp: false },
    deploymentCircuitBreaker: { enable: true, rollback: true },
    propagateTags: "SERVICE",
    enableEcsManagedTags: true,
    ...(args.enableExecuteCommand ? { enableExecuteCommand: true } : {}),
    ...(args.healthCheckGracePeriod !== undefined ? { healthCheckGracePeriodSeconds: args.healthCheckGracePeriod } : {}),
    ...(args.serviceRegistryArn ? { serviceRegistries: { registryArn: args.serviceRegistryArn } } : {}),
    ...(args.dependsOn?.length ? { dependsOn: args.dependsOn } : {}),
    ...(args.scaled ? { lifecycle: { ignoreChanges: ["desired_count"] } } : {}),
  });
}
