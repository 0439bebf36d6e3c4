// An ECR repository for one image: scanned on push, immutable tags. Its lifecycle policy never
// expires an image a deploy may run: a deploy names an image by tag, and tagged images stay unless
// the owner opts in to a count; untagged images (which no tag can name) expire after two weeks.
import { EcrLifecyclePolicy } from "../../../providers/aws/ecr-lifecycle-policy.js";
import { EcrRepository } from "../../../providers/aws/ecr-repository.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

/** Days an untagged image stays after its push. */
export const UNTAGGED_EXPIRY_DAYS = 14;

export interface EcrRepositoryArgs {
  name: string;
  /**
   * 0: tagged images never expire. N > 0: tagged images beyond the newest N expire, which can
   * remove the image a service still runs when more than N builds are pushed between deploys.
   */
  keepImages: number;
}

/** Creates `<id>` (the repository) and `<id>_lifecycle` (its expiry policy). */
export function ecrRepository(scope: TerraformStack, id: string, args: EcrRepositoryArgs): EcrRepository {
  const repository = new EcrRepository(scope, id, {
    name: args.name,
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: [{ encryptionType: "AES256" }],
  });
  const rules: unknown[] = [
    {
      rulePriority: 1,
      description: `Expire untagged images ${UNTAGGED_EXPIRY_DAYS} days after their push; a deploy names images by tag`,
      selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: UNTAGGED_EXPIRY_DAYS },
      action: { type: "expire" },
    },
  ];
  if (args.keepImages > 0) {
    rules.push({
      rulePriority: 2,
      description: `Keep the newest ${args.keepImages} tagged images (opted in by the ecrKeepImages setting)`,
      selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: args.keepImages },
      action: { type: "expire" },
    });
  }
  new EcrLifecyclePolicy(scope, `${id}_lifecycle`, { repository: repository.name, policy: JSON.stringify({ rules }) });
  return repository;
}
