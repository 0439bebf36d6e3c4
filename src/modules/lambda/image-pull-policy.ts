// The repository policy that lets Lambda pull a function image. Lambda reads container images with
// its service principal, not with the function's role; without this policy Lambda would try to
// write one itself at creation, outside Terraform. Scoped to the named functions of this account.
import { EcrRepositoryPolicy } from "../../../providers/aws/ecr-repository-policy.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import { renderResourcePolicy } from "../iam/policy-document.js";

export interface ImagePullPolicyArgs {
  repositoryName: string;
  /** ARNs of the functions that run images of this repository. */
  functionArns: string[];
}

export function imagePullPolicy(scope: TerraformStack, id: string, args: ImagePullPolicyArgs): EcrRepositoryPolicy {
  return new EcrRepositoryPolicy(scope, id, {
    repository: args.repositoryName,
    policy: renderResourcePolicy([
      {
        sid: "LambdaPullsStackFunctionImages",
        effect: "Allow",
        principal: { Service: "lambda.amazonaws.com" },
        actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        // The condition AWS documents for this statement; the ARNs carry the account.
        conditions: { ArnLike: { "aws:SourceArn": args.functionArns } },
      },
    ]),
  });
}
