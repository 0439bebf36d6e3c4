import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../../../providers/cdktf.js";
import { imagePullPolicy } from "../../../src/modules/lambda/image-pull-policy.js";

describe("imagePullPolicy module", () => {
  it("lets only the Lambda service pull, for the named functions only", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    imagePullPolicy(stack, "pull", { repositoryName: "svc-img", functionArns: ["arn:aws:lambda:r:1:function:svc-a", "arn:aws:lambda:r:1:function:svc-b"] });
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, { repository: string; policy: string }>> };
    const pull = json.resource.aws_ecr_repository_policy!.pull!;
    expect(pull.repository).toBe("svc-img");
    expect(JSON.parse(pull.policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "LambdaPullsStackFunctionImages",
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          Condition: { ArnLike: { "aws:SourceArn": ["arn:aws:lambda:r:1:function:svc-a", "arn:aws:lambda:r:1:function:svc-b"] } },
        },
      ],
    });
  });
});
