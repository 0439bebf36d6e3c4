// A plan-time check that the image a task or function runs is in ECR. Without it, applying a new
// stack with `terraform apply`, `cdktf deploy` or an HCP Terraform run creates half the stack and then
// fails on the first function (its image cannot exist before its repository does). With it, the plan
// fails before anything is created, saying what to do; `platform create` avoids it by applying the
// repositories first (a targeted plan evaluates no other resource's conditions).
import { DataAwsEcrImages } from "../../../providers/aws/data-aws-ecr-images.js";
import { DataAwsEcrRepositories } from "../../../providers/aws/data-aws-ecr-repositories.js";
import { TerraformVariable, type TerraformStack } from "../../../providers/cdktf.js";
import type { PlanCheck } from "../plan-check.js";

import { CHECK_IMAGES_VARIABLE } from "./check-images-variable.js";

export { CHECK_IMAGES_VARIABLE };
const REPOSITORIES_ID = "existing_ecr_repositories";

interface StackLookups {
  repositories: DataAwsEcrRepositories;
  images: Map<string, DataAwsEcrImages>;
}
const lookups = new WeakMap<TerraformStack, StackLookups>();

function stackLookups(scope: TerraformStack): StackLookups {
  let found = lookups.get(scope);
  if (!found) {
    new TerraformVariable(scope, CHECK_IMAGES_VARIABLE, {
      type: "bool",
      default: true,
      nullable: false,
      description: "Check at plan that every image tag to run is in ECR (false only for plans that will not be applied, and for destroy).",
    });
    found = { repositories: new DataAwsEcrRepositories(scope, REPOSITORIES_ID, {}), images: new Map() };
    lookups.set(scope, found);
  }
  return found;
}

export interface ImageCheckArgs {
  /** Logical id of the repository resource (`aws_ecr_repository.<id>`). */
  repositoryId: string;
  /** The repository's name, as a literal. */
  repositoryName: string;
  /** Name of the Terraform variable holding the tag to run. */
  tagVariable: string;
  /** Who runs the image, for the message: `the chat function`. */
  consumer: string;
}

/**
 * The repository is looked up among the account's repositories (read at plan, with no dependency
 * on this stack), and only when it exists are its images listed, so a new stack's plan reads
 * nothing that does not exist yet.
 */
export function imagePresentCheck(scope: TerraformStack, args: ImageCheckArgs): PlanCheck {
  const { repositories, images } = stackLookups(scope);
  const id = `${args.repositoryId}_images`;
  if (!images.has(id)) {
    const listed = new DataAwsEcrImages(scope, id, { repositoryName: args.repositoryName });
    listed.addOverride("count", `\${var.${CHECK_IMAGES_VARIABLE} && contains(data.aws_ecr_repositories.${REPOSITORIES_ID}.names, "${args.repositoryName}") ? 1 : 0}`);
    images.set(id, listed);
  }
  const tag = `var.${args.tagVariable}`;
  return {
    condition: `\${!var.${CHECK_IMAGES_VARIABLE} || contains(flatten([for listed in data.aws_ecr_images.${id} : listed.image_ids[*].image_tag]), ${tag})}`,
    errorMessage:
      `The image ${args.repositoryName}:\${${tag}} is not in ECR, so ${args.consumer} could not start; nothing has been created by this plan. ` +
      `A new stack: run \`platform create <spec>\`, which creates the image repositories first and says what to push; or apply them first with ` +
      `\`terraform apply -target=aws_ecr_repository.${args.repositoryId}\` (every aws_ecr_repository of the stack), push the image under that tag, and apply again. ` +
      `Otherwise push ${args.repositoryName}:\${${tag}} or set ${args.tagVariable} to a tag that was pushed.`,
  };
}
