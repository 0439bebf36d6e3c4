// A container-image Lambda function in private subnets, traced with X-Ray, optionally mounting the
// stack's file system through its access point. Its environment is rendered when the stack is
// synthesized, so variables published by later phases (the event bus, endpoints) still reach it.
import { LambdaFunction } from "../../../providers/aws/lambda-function.js";
import { Lazy, type ITerraformDependable, type TerraformStack } from "../../../providers/cdktf.js";
import type { PlanCheck } from "../plan-check.js";

/** Lambda accepts only a single folder directly under /mnt/ as a mount path. */
export const LAMBDA_MOUNT_PATH = /^\/mnt\/[A-Za-z0-9_.-]+$/;

export interface FunctionFileSystem {
  accessPointArn: string;
  /** A single folder under /mnt/. */
  mountPath: string;
}

export interface ContainerFunctionArgs {
  functionName: string;
  description: string;
  roleArn: string;
  /** `<repository url>:<tag>`. */
  imageUri: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Variables, produced at synth; sorted by name in the output. */
  environment: () => Array<[string, string]>;
  subnetIds: string[];
  securityGroupIds: string[];
  fileSystem?: FunctionFileSystem;
  /** What must exist first: its log group, its role's policy, the image pull policy, the mount targets. */
  dependsOn: ITerraformDependable[];
  /** Checked by `terraform plan` before the function is created or changed (e.g. that its image is pushed). */
  checks?: PlanCheck[];
}

export function containerFunction(scope: TerraformStack, id: string, args: ContainerFunctionArgs): LambdaFunction {
  if (args.fileSystem && !LAMBDA_MOUNT_PATH.test(args.fileSystem.mountPath)) {
    throw new Error(`Lambda mount path ${args.fileSystem.mountPath} is not a single folder under /mnt/`);
  }
  const variables = Lazy.anyValue({
    produce: () => Object.fromEntries([...args.environment()].sort(([a], [b]) => a.localeCompare(b))),
  }) as unknown as Record<string, string>;
  return new LambdaFunction(scope, id, {
    functionName: args.functionName,
    description: args.description,
    role: args.roleArn,
    packageType: "Image",
    imageUri: args.imageUri,
    memorySize: args.memoryMb,
    timeout: args.timeoutSeconds,
    environment: { variables },
    tracingConfig: { mode: "Active" },
    vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: args.securityGroupIds },
    ...(args.fileSystem ? { fileSystemConfig: { arn: args.fileSystem.accessPointArn, localMountPath: args.fileSystem.mountPath } } : {}),
    dependsOn: args.dependsOn,
    ...(args.checks?.length ? { lifecycle: { precondition: args.checks } } : {}),
  });
}
