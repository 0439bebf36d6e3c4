// `lambda`: the spec's container-image functions, each in the private subnets with its own role,
// log group and Function URL, sharing the lambda security group and the stack's file system.
import type { EcrRepository } from "../../../providers/aws/ecr-repository.js";
import { TerraformVariable, type ITerraformDependable } from "../../../providers/cdktf.js";
import type { LambdaConfig } from "../../../schema/lambda.js";
import { ecrRepository } from "../../modules/compute/ecr-repository.js";
import { imagePullPolicy } from "../../modules/lambda/image-pull-policy.js";
import type { CapabilityContext } from "../shared/context.js";
import { deployFunction, functionNameOf, idPart, type StackFunction } from "../shared/function.js";
import { functionRoleKey } from "./keys.js";

declare module "../shared/context.js" {
  interface ContextValues {
    /** The spec's functions (the webhook gateway's function is not among them). */
    "lambda.functions": StackFunction[];
  }
}

/** Terraform variable a deploy sets to the image tag a spec function runs (a function with an image of its own). */
export const functionImageTagVariable = (name: string) => `lambda_${idPart(name)}_image_tag`;
/** The one image-tag variable of an image several functions share (`image_` never starts another variable). */
export const sharedImageTagVariable = (image: string) => `image_${idPart(image)}_tag`;

/** One repository per distinct image, with a pull policy for exactly the functions that run it. */
interface FunctionImage {
  repository: EcrRepository;
  name: string;
  pullPolicy: ITerraformDependable;
  /** Set when several functions run the image: they deploy one tag together. */
  sharedTag?: TerraformVariable;
}

function provisionImages(ctx: CapabilityContext, lambda: LambdaConfig): Map<string, FunctionImage> {
  const { scope, settings, infra } = ctx;
  const users = new Map<string, string[]>();
  for (const fn of lambda.functions) users.set(fn.image, [...(users.get(fn.image) ?? []), fn.name]);
  const images = new Map<string, FunctionImage>();
  for (const [image, names] of users) {
    const id = `lambda_${idPart(image)}`;
    const name = ctx.name("ecrRepository", image);
    const repository = ecrRepository(scope, `${id}_ecr_repository`, { name, keepImages: settings.ecrKeepImages });
    const pullPolicy = imagePullPolicy(scope, `${id}_image_pull_policy`, {
      repositoryName: repository.name,
      // Built from names, not from the functions: the functions wait for this policy.
      functionArns: names.map((name) => infra.arn("lambda", `function:${functionNameOf(ctx, name)}`)),
    });
    const sharedTag =
      names.length > 1
        ? new TerraformVariable(scope, sharedImageTagVariable(image), {
            type: "string",
            nullable: false,
            description: `Tag of the image in ${name} that the ${names.join(", ")} functions run; tags are immutable, so use one per build (e.g. the git SHA).`,
          })
        : undefined;
    images.set(image, { repository, name, pullPolicy, ...(sharedTag ? { sharedTag } : {}) });
  }
  return images;
}

export function provision(lambda: LambdaConfig, ctx: CapabilityContext): void {
  const { workload } = ctx;
  const roles = ctx.require("foundation.roles");
  const images = provisionImages(ctx, lambda);

  const functions = lambda.functions.map((spec, index) => {
    const image = images.get(spec.image)!;
    const deployed = deployFunction(ctx, {
      id: `lambda_${idPart(spec.name)}`,
      name: spec.name,
      roleKey: functionRoleKey(spec.name),
      code: {
        image: {
          repository: image.repository,
          repositoryName: image.name,
          imageTagVariable: functionImageTagVariable(spec.name),
          ...(image.sharedTag ? { imageTag: image.sharedTag } : {}),
        },
      },
      ...(spec.reservedConcurrency !== undefined ? { reservedConcurrency: spec.reservedConcurrency } : {}),
      memoryMb: spec.memory,
      timeoutSeconds: spec.timeout,
      ...(spec.architecture ? { architecture: spec.architecture } : {}),
      environment: () => [...workload.environment("functions"), ...Object.entries(spec.environment)],
      access: !spec.url
        ? { authorization: "none" }
        : spec.urlAuth === "NONE"
          ? { authorization: "NONE", publicBecause: `spec.lambda.functions[${index}].urlAuth is NONE: the function authenticates its callers itself` }
          : { authorization: "AWS_IAM" },
      invokeMode: spec.invokeMode,
      dependsOn: [image.pullPolicy],
    });
    ctx.export(`lambda.${spec.name}.function_name`, deployed.function.functionName, `Name of the ${spec.name} function.`);
    ctx.export(`lambda.${spec.name}.function_arn`, deployed.function.arn, `ARN of the ${spec.name} function.`);
    if (deployed.url) {
      ctx.export(
        `lambda.${spec.name}.function_url`,
        deployed.url.functionUrl,
        `Function URL of ${spec.name} (${spec.urlAuth === "NONE" ? "public" : "callers sign requests with SigV4"}, ${spec.invokeMode}).`,
      );
    }
    ctx.export(`lambda.${spec.name}.ecr_repository_uri`, image.repository.repositoryUrl, `ECR repository of the ${spec.name} function's image; push images here.`);
    return deployed;
  });

  // The stack's containers may call the IAM-auth URLs: a URL call needs both actions.
  const iamFunctions = functions.filter((fn) => fn.authorization === "AWS_IAM");
  if (roles.has("compute.task") && iamFunctions.length > 0) {
    roles.grant("compute.task", {
      sid: "InvokeStackFunctionUrls",
      actions: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"],
      resources: iamFunctions.map((fn) => fn.function.arn),
    });
  }
  ctx.set("lambda.functions", functions);
}
