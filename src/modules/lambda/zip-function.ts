// A Lambda function whose code is a zip file beside the stack's Terraform (the engine's own code,
// such as the webhook gateway), on a managed Node.js runtime, in private subnets, traced with X-Ray.
// `source_code_hash` is the zip's SHA-256, so a new build of the code is a new deployment and an
// identical one is none.
import { LambdaFunction } from "../../../providers/aws/lambda-function.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import { functionBase, type FunctionBaseArgs } from "./function-base.js";

/** The Node.js runtime the engine's own functions run on. */
export const ENGINE_FUNCTION_RUNTIME = "nodejs22.x";

export interface ZipFunctionArgs extends FunctionBaseArgs {
  /** Path of the zip as Terraform reads it (e.g. `${path.module}/<file>.zip`). */
  filename: string;
  /** Base64 SHA-256 of the zip. */
  sourceCodeHash: string;
  /** `<file>.<export>`, e.g. `index.handler`. */
  handler: string;
}

export function zipFunction(scope: TerraformStack, id: string, args: ZipFunctionArgs): LambdaFunction {
  return new LambdaFunction(scope, id, {
    ...functionBase(args),
    packageType: "Zip",
    filename: args.filename,
    sourceCodeHash: args.sourceCodeHash,
    handler: args.handler,
    runtime: ENGINE_FUNCTION_RUNTIME,
    // Plain JavaScript: it runs on either architecture, and Graviton costs less per millisecond.
    // No reserved concurrency: the engine's functions draw on the account's unreserved pool.
    architectures: ["arm64"],
  });
}
