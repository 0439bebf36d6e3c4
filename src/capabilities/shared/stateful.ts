// Stateful resource types the shared pieces create (the image repositories of compute, lambda and
// triggers), and what every stateful type's list of replacement-forcing attributes shares. See
// StatefulType (definition.ts) for where each list is read.
import type { ForceNewAttribute, StatefulType } from "./definition.js";

export const PROVIDER_DOCS = "https://github.com/hashicorp/terraform-provider-aws/blob/main/website/docs/r";
export const PROVIDER_SOURCE = "https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service";

/**
 * Meta-arguments that destroy instances for any resource: a count that shrinks, or a for_each key
 * that disappears.
 */
export const INSTANCE_KEYS: readonly ForceNewAttribute[] = [
  { path: "count", when: "instances whose index is no longer produced are destroyed" },
  { path: "for_each", when: "instances whose key is no longer produced are destroyed" },
];

export const SHARED_STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = {
  aws_ecr_repository: {
    kind: "container image repository",
    loses: "every pushed image (deleting a repository that holds images fails unless force_delete is set)",
    mayReplace: [],
    sources: [`${PROVIDER_DOCS}/ecr_repository.html.markdown`, `${PROVIDER_SOURCE}/ecr/repository.go`],
  },
};
