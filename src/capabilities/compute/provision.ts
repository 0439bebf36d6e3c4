// `compute`: the service's container on ECS Fargate. The Networking phase later puts it behind the
// shared load balancer; this handler creates what runs it.
import type { AppautoscalingTarget } from "../../../providers/aws/appautoscaling-target.js";
import type { EcsService } from "../../../providers/aws/ecs-service.js";
import type { EcsTaskDefinition } from "../../../providers/aws/ecs-task-definition.js";
import { TerraformVariable } from "../../../providers/cdktf.js";
import type { ComputeConfig } from "../../../schema/compute.js";
import type { CapabilityContext } from "../shared/context.js";
import { accessProxyContainer } from "../../modules/compute/access-proxy.js";
import { ecrRepository } from "../../modules/compute/ecr-repository.js";
import { ecsCluster, fargateCapacityProviders } from "../../modules/compute/ecs-cluster.js";
import { imagePresentCheck } from "../../modules/compute/image-check.js";
import { ecsService } from "../../modules/compute/ecs-service.js";
import { logGroup } from "../../modules/compute/log-group.js";
import { taskDefinition } from "../../modules/compute/task-definition.js";
import { scalingTarget, trackingPolicy, type ScalingMetric } from "./scaling.js";

declare module "../shared/context.js" {
  interface ContextValues {
    "compute.service": EcsService;
    "compute.taskDefinition": EcsTaskDefinition;
    /** The container's name in the task definition (the load balancer targets it). */
    "compute.containerName": string;
    "compute.clusterArn": string;
    /** Set when the service autoscales; the Networking step adds the request-count policy to it. */
    "compute.scalingTarget": AppautoscalingTarget;
    /** What the Access proxy sidecar needs from the Networking step, filled there (read at synth); unset with `access: public` (no sidecar). */
    "compute.accessProxy": AccessProxyInputs;
  }
}

/** The Access application's audience and the account's Access team domain (Terraform references). */
export interface AccessProxyInputs {
  audience?: string;
  teamDomain?: string;
}

/** Terraform variable a deploy sets to the image tag to run (unique per build, e.g. the git SHA). */
export const IMAGE_TAG_VARIABLE = "image_tag";
/** Name of the task-definition volume that carries the stack's file system. */
const FILE_SYSTEM_VOLUME = "efs";

export function provision(compute: ComputeConfig, ctx: CapabilityContext): void {
  const { scope, settings, infra, serviceName, workload } = ctx;
  const roles = ctx.require("foundation.roles");
  const groups = ctx.require("foundation.securityGroups");

  const repository = ecrRepository(scope, "compute_ecr_repository", { name: ctx.name("ecrRepository"), keepImages: settings.ecrKeepImages });
  const logs = logGroup(scope, "compute_log_group", { name: `/ecs/${serviceName}`, retentionDays: settings.logRetentionDays });
  const cluster = ecsCluster(scope, "compute_ecs_cluster", { name: ctx.name("ecsCluster"), ...(compute.exec ? { execLogGroupName: logs.name } : {}) });
  const imageTag = new TerraformVariable(scope, IMAGE_TAG_VARIABLE, {
    type: "string",
    nullable: false,
    description: `Tag of the ${serviceName} image in ${ctx.name("ecrRepository")} to run; tags are immutable, so use one per build (e.g. the git SHA).`,
  });

  roles.grant("compute.taskExecution", {
    sid: "EcrAuthorizationTokenHasNoResourceScope",
    actions: ["ecr:GetAuthorizationToken"],
    resources: ["*"],
  });
  roles.grant("compute.taskExecution", {
    sid: "PullServiceImage",
    actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
    resources: [repository.arn],
  });
  roles.grant("compute.taskExecution", {
    sid: "WriteServiceLogs",
    actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
    resources: [`${logs.arn}:*`],
  });

  if (compute.exec) grantExec(ctx, logs.arn);

  const fileSystem = workload.fileSystem;
  const accessProxy: AccessProxyInputs = {};
  const guarded = compute.access === "cloudflare-access";
  const definition = taskDefinition(scope, "compute_task_definition", {
    family: ctx.name("ecsTaskFamily"),
    cpu: compute.cpu,
    memory: compute.memory,
    executionRoleArn: roles.role("compute.taskExecution").arn,
    taskRoleArn: roles.role("compute.task").arn,
    cpuArchitecture: compute.architecture === "arm64" ? "ARM64" : "X86_64",
    // The shared ALB forwards to this proxy, which admits only requests Cloudflare Access signed.
    // `access: public`: no Access application, so no proxy; the ALB forwards to the container itself.
    sidecars: () => {
      if (!guarded) return [];
      if (!accessProxy.audience || !accessProxy.teamDomain) throw new Error("the networking step did not give the Access proxy its audience and team domain");
      return [
        accessProxyContainer({
          image: settings.accessProxyImage,
          appPort: compute.port,
          teamDomain: accessProxy.teamDomain,
          audience: accessProxy.audience,
          logGroupName: logs.name,
          region: infra.region,
        }),
      ];
    },
    checks: [imagePresentCheck(scope, { repositoryId: "compute_ecr_repository", repositoryName: ctx.name("ecrRepository"), tagVariable: IMAGE_TAG_VARIABLE, consumer: `the ${serviceName} service's tasks` })],
    container: {
      name: serviceName,
      image: `${repository.repositoryUrl}:${imageTag.stringValue}`,
      port: compute.port,
      logGroupName: logs.name,
      region: infra.region,
      // The engine's variables, then the spec's (the checks keep the names apart).
      environment: () => [...workload.environment("containers"), ...Object.entries(compute.environment)],
      secrets: () => workload.secrets(),
      volumes: fileSystem
        ? [{ name: FILE_SYSTEM_VOLUME, fileSystemId: fileSystem.fileSystemId, accessPointId: fileSystem.accessPointId, containerPath: fileSystem.mountPath }]
        : [],
      ...(compute.command ? { command: compute.command } : {}),
      ...(compute.healthCheck.container ? { healthCheck: compute.healthCheck.container } : {}),
    },
  });

  // Spot needs the cluster's capacity providers; the service waits for their association.
  const capacityProviders = compute.capacity === "on-demand" ? undefined : fargateCapacityProviders(scope, "compute_capacity_providers", cluster.name);
  const service = ecsService(scope, "compute_ecs_service", {
    name: ctx.name("ecsService"),
    clusterArn: cluster.arn,
    taskDefinitionArn: definition.arn,
    desiredCount: compute.instances.min,
    // Only where the shared ALB routes: its zones' private subnets.
    subnetIds: infra.targetSubnetIds,
    securityGroupIds: [groups.get("compute").id],
    serviceRegistryArn: ctx.get("serviceDiscovery.registryArn"),
    // A task that starts before the mount targets are available fails, and the circuit breaker would
    // roll back the first deployment.
    dependsOn: [...(fileSystem?.mountTargets ?? []), ...(capacityProviders ? [capacityProviders] : [])],
    ...(compute.capacity === "on-demand" ? {} : { capacityProviders: capacityStrategy(compute.capacity, compute.instances.min) }),
    enableExecuteCommand: compute.exec,
    scaled: compute.scaling !== undefined,
    healthCheckGracePeriod: compute.healthCheck.gracePeriod,
  });

  if (compute.scaling && compute.instances.max !== undefined) {
    const target = scalingTarget(scope, "compute_scaling_target", {
      clusterName: cluster.name,
      serviceName: service.name,
      min: compute.instances.min,
      max: compute.instances.max,
      resource: service,
    });
    const policyName = (metric: ScalingMetric) => `${ctx.name("ecsService")}-${metric}`;
    const { cpuPercent, memoryPercent } = compute.scaling;
    if (cpuPercent !== undefined) trackingPolicy(scope, "compute_scaling_cpu", target, { name: policyName("cpu"), metric: "cpu", targetValue: cpuPercent, scaling: compute.scaling });
    if (memoryPercent !== undefined) {
      trackingPolicy(scope, "compute_scaling_memory", target, { name: policyName("memory"), metric: "memory", targetValue: memoryPercent, scaling: compute.scaling });
    }
    ctx.set("compute.scalingTarget", target);
    ctx.export("compute.scaling_resource_id", target.resourceId, "Application Auto Scaling resource id of the service (service/<cluster>/<service>).");
  }

  ctx.set("compute.service", service);
  ctx.set("compute.taskDefinition", definition);
  ctx.set("compute.containerName", serviceName);
  ctx.set("compute.clusterArn", cluster.arn);
  if (guarded) ctx.set("compute.accessProxy", accessProxy);

  ctx.export("compute.ecr_repository_uri", repository.repositoryUrl, "URI of the service's ECR repository; push images here.");
  ctx.export("compute.cluster_name", cluster.name, "Name of the ECS cluster.");
  ctx.export("compute.service_name", service.name, "Name of the ECS service.");
  ctx.export("compute.log_group_name", logs.name, "CloudWatch log group of the containers.");
}

/** `spot`: every task on Fargate Spot; `mixed`: the first `min` tasks on demand, the rest on Spot. */
function capacityStrategy(capacity: "spot" | "mixed", min: number) {
  return capacity === "spot"
    ? [{ capacityProvider: "FARGATE_SPOT" as const, weight: 1 }]
    : [
        { capacityProvider: "FARGATE" as const, base: min, weight: 0 },
        { capacityProvider: "FARGATE_SPOT" as const, weight: 1 },
      ];
}

/**
 * ECS Exec: the SSM agent in the task opens its Session Manager channels with the task role (the
 * four ssmmessages actions have no resource-level permission), and writes the session log to the
 * service's log group (DescribeLogGroups has none either).
 */
function grantExec(ctx: CapabilityContext, logGroupArn: string): void {
  const roles = ctx.require("foundation.roles");
  roles.grant("compute.task", {
    sid: "EcsExecSessionChannelsHaveNoResourceScope",
    actions: ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"],
    resources: ["*"],
  });
  roles.grant("compute.task", {
    sid: "EcsExecFindLogGroupHasNoResourceScope",
    actions: ["logs:DescribeLogGroups"],
    resources: ["*"],
  });
  roles.grant("compute.task", {
    sid: "EcsExecWriteSessionLogs",
    actions: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
    resources: [`${logGroupArn}:*`],
  });
}
