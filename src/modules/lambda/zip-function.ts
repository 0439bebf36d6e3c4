// A Lambda function whose code is a zip file beside the stack's Terraform (the engine's own code,
// such as the webhook gateway), on a managed Node.js runtime, in private subnets, traced with X-Ray.
// `source_code_hash` is the zip's SHA-256, so a new build of the code is a new deployment and an
// identical one is none.
import { LambdaFunction } from "../../../providers/aws/lambda-function.js";
import { Lazy, type ITerraformDependable, type TerraformStack } from "../../../providers/cdktf.js";

/** The Node.js runtime the engine's own functions run on. */
export const ENGINE_FUNCTION_RUNTIME = "nodejs22.x";

export interface ZipFunctionArgs {
  functionName: string;
  description: string;
  roleArn: string;
  /** Path of the zip as Terraform reads it (e.g. `${path.module}/<file>.zip`). */
  filename: string;
  /** Base64 SHA-256 of the zip. */
  sourceCodeHash: string;
  /** `<file>.<export>`, e.g. `index.handler`. */
  handler: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Variables, produced at synth; sorted by name in the output. */
  environment: () => Array<[string, string]>;
  subnetIds: string[];
  securityGroupIds: string[];
  dependsOn: ITerraformDependable[];
}

export function zipFunction(scope: TerraformStack, id: string, args: ZipFunctionArgs): LambdaFunction {
  const variables = Lazy.anyValue({
    produce: () => Object.fromEntries([...args.environment()].sort(([a], [b]) => a.localeCompare(b))),
  }) as unknown as Record<string, string>;
  return new LambdaFunction(scope, id, {
    functionName: args.functionName,
    description: args.description,
    role: args.roleArn,
    packageType: "Zip",
    filename: args.filename,
    sourceCodeHash: args.sourceCodeHash,
    handler: args.handler,
    runtime: ENGINE_FUNCTION_RUNTIME,
    // Plain JavaScript: it runs on either architecture, and Graviton costs less per millisecond.
    architectures: ["arm64"],
    memorySize: args.memoryMb,
    timeout: args.timeoutSeconds,
    environment: { variables },
    tracingConfig: { mode: "Active" },
    vpcConfig: { subnetIds: args.subnetIds, securityGroupIds: args.securityGroupIds },
    dependsOn: args.dependsOn,
  });
}
