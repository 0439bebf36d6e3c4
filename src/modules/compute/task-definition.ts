// A Fargate task definition with one container. The container definition is rendered when the
// stack is synthesized, so values published by later phases (e.g. the Access audience) reach it.
import { EcsTaskDefinition } from "../../../providers/aws/ecs-task-definition.js";
import { Lazy, type TerraformStack } from "../../../providers/cdktf.js";
import type { PlanCheck } from "../plan-check.js";

export interface EfsVolume {
  name: string;
  fileSystemId: string;
  accessPointId: string;
  containerPath: string;
}

export interface ContainerSpec {
  name: string;
  image: string;
  port: number;
  logGroupName: string;
  region: string;
  environment: () => Array<[string, string]>;
  secrets: () => Array<[string, string]>;
  volumes: EfsVolume[];
}

export interface TaskDefinitionArgs {
  family: string;
  cpu: number;
  memory: number;
  executionRoleArn: string;
  taskRoleArn: string;
  container: ContainerSpec;
  /** Further containers of the task (e.g. the Access proxy), rendered at synth like the container. */
  sidecars?: () => Array<Record<string, unknown>>;
  /** Checked by `terraform plan` before the definition is registered (e.g. that its image is pushed). */
  checks?: PlanCheck[];
}

export function renderContainerDefinitions(container: ContainerSpec, sidecars: Array<Record<string, unknown>> = []): string {
  const secrets = container.secrets();
  const { volumes } = container;
  return JSON.stringify([
    {
      name: container.name,
      image: container.image,
      essential: true,
      portMappings: [{ containerPort: container.port, protocol: "tcp" }],
      environment: container.environment().map(([name, value]) => ({ name, value })),
      ...(secrets.length > 0 ? { secrets: secrets.map(([name, valueFrom]) => ({ name, valueFrom })) } : {}),
      ...(volumes.length > 0 ? { mountPoints: volumes.map((v) => ({ sourceVolume: v.name, containerPath: v.containerPath, readOnly: false })) } : {}),
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": container.logGroupName, "awslogs-region": container.region, "awslogs-stream-prefix": container.name },
      },
    },
    ...sidecars,
  ]);
}

export function taskDefinition(scope: TerraformStack, id: string, args: TaskDefinitionArgs): EcsTaskDefinition {
  const definition = new EcsTaskDefinition(scope, id, {
    family: args.family,
    requiresCompatibilities: ["FARGATE"],
    networkMode: "awsvpc",
    cpu: String(args.cpu),
    memory: String(args.memory),
    executionRoleArn: args.executionRoleArn,
    taskRoleArn: args.taskRoleArn,
    runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
    containerDefinitions: Lazy.stringValue({ produce: () => renderContainerDefinitions(args.container, args.sidecars?.() ?? []) }),
    ...(args.checks?.length ? { lifecycle: { precondition: args.checks } } : {}),
  });
  const { volumes } = args.container;
  if (volumes.length > 0) {
    definition.putVolume(
      volumes.map((volume) => ({
        name: volume.name,
        efsVolumeConfiguration: {
          fileSystemId: volume.fileSystemId,
          transitEncryption: "ENABLED",
          authorizationConfig: { accessPointId: volume.accessPointId, iam: "ENABLED" },
        },
      })),
    );
  }
  return definition;
}
