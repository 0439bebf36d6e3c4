// A container-image Lambda function in private subnets, traced with X-Ray, optionally mounting the
// stack's file system through its access point. Its environment is rendered when the stack is
// synthesized, so variables published by later phases (the event bus, endpoints) still reach it.
import { LambdaFunction } from "../../../providers/aws/lambda-function.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import type { PlanCheck } from "../plan-check.js";
import { functionBase, type FunctionBaseArgs } from "./function-base.js";

/** Lambda accepts only a single folder directly under /mnt/ as a mount path. */
export const LAMBDA_MOUNT_PATH = /^\/mnt\/[A-Za-z0-9_.-]+$/;

export interface FunctionFileSystem {
  accessPointArn: string;
  /** A single folder under /mnt/. */
  mountPath: string;
}

export interface ContainerFunctionArgs extends FunctionBaseArgs {
  /** `<repository url>:<tag>`. */
  imageUri: string;
  /** Rendered only when set: unset keeps Lambda's default, x86_64. */
  architecture?: "x86_64" | "arm64";
  /** Reserved concurrent executions; unset: not rendered (the unreserved pool). */
  reservedConcurrency?: number;
  fileSystem?: FunctionFileSystem;
  /** Checked by `terraform plan` before the function is created or changed (e.g. that its image is pushed). */
  checks?: PlanCheck[];
}

export function containerFunction(scope: TerraformStack, id: string, args: ContainerFunctionArgs): LambdaFunction {
  if (args.fileSystem && !LAMBDA_MOUNT_PATH.test(args.fileSystem.mountPath)) {
    throw new Error(`Lambda mount path ${args.fileSystem.mountPath} is not a single folder under /mnt/`);
  }
  return new LambdaFunction(scope, id, {
    ...functionBase(args),
    packageType: "Image",
    imageUri: args.imageUri,
    ...(args.architecture ? { architectures: [args.architecture] } : {}),
    ...(args.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: args.reservedConcurrency } : {}),
    ...(args.fileSystem ? { fileSystemConfig: { arn: args.fileSystem.accessPointArn, localMountPath: args.fileSystem.mountPath } } : {}),
    ...(args.checks?.length ? { lifecycle: { precondition: args.checks } } : {}),
  });
}
