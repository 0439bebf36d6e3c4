// What every Lambda function of a stack has, whatever its code (a container image or a zip): its
// name, role, size, an environment sorted by name and rendered at synth, X-Ray tracing, and the
// private subnets and security group it runs in.
import type { LambdaFunctionConfig } from "../../../providers/aws/lambda-function.js";
import { Lazy, type ITerraformDependable } from "../../../providers/cdktf.js";

export interface FunctionBaseArgs {
  functionName: string;
  description: string;
  roleArn: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Variables, produced at synth (so later phases' values reach it); sorted by name in the output. */
  environment: () => Array<[string, string]>;
  subnetIds: string[];
  securityGroupIds: string[];
  /** What must exist first: its log group, its role's policy, and what its code or mounts need. */
  dependsOn: ITerraformDependable[];
}

/** The arguments of a `LambdaFunction` that do not depend on how its code is packaged. */
export function functionBase(args: FunctionBaseArgs) {
  const variables = Lazy.anyValue({
    produce: () => Object.fromEntries([...args.environment()].sort(([a], [b]) => a.localeCompare(b))),
  }) as unknown as Record<string, string>;
  return {
    functionName: args.functionName,
    description: args.description,
    role: args.roleArn,
    memorySize: args.memoryMb,
    timeout: args.timeoutSeconds,
    environment: { variables },
    tracingConfig: { mode: "Active" },
    vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: args.securityGroupIds },
    dependsOn: args.dependsOn,
  } satisfies Partial<LambdaFunctionConfig>;
}
