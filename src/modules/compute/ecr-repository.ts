// An ECR repository for one image: scanned on push, immutable tags, old images expired.
import { EcrLifecyclePolicy } from "../../../providers/aws/ecr-lifecycle-policy.js";
import { EcrRepository } from "../../../providers/aws/ecr-repository.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EcrRepositoryArgs {
  name: string;
  /** How many images to keep; older ones expire. */
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
  new EcrLifecyclePolicy(scope, `${id}_lifecycle`, {
    repository: repository.name,
    policy: JSON.stringify({
      rules: [
        {
          rulePriority: 1,
          description: `Keep the newest ${args.keepImages} images`,
          selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: args.keepImages },
          action: { type: "expire" },
        },
      ],
    }),
  });
  return repository;
}
