// ECR repositories: images are scanned on push and their tags cannot be overwritten.
import type { PolicyRule } from "../rule.js";
import { violation } from "../wording.js";

export const ECR_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-ECR-001",
    title: "ECR repositories scan images on push.",
    severity: "error",
    appliesTo: ["aws_ecr_repository"],
    equivalents: { checkov: ["CKV_AWS_163"], trivy: ["AVD-AWS-0030"] },
    exceptable: false,
    check: (repository) => {
      const scanOnPush = repository.block("image_scanning_configuration")?.scan_on_push;
      return scanOnPush === true ? [] : [violation("images are not scanned on push", "image_scanning_configuration.scan_on_push", scanOnPush, "true")];
    },
  },
  {
    id: "PLT-ECR-002",
    title: "ECR repositories have immutable tags.",
    severity: "error",
    appliesTo: ["aws_ecr_repository"],
    equivalents: { checkov: ["CKV_AWS_51"], trivy: ["AVD-AWS-0031"] },
    exceptable: false,
    check: (repository) => {
      const mutability = repository.string("image_tag_mutability") ?? "MUTABLE";
      return mutability === "IMMUTABLE" ? [] : [violation("image tags can be overwritten", "image_tag_mutability", mutability, '"IMMUTABLE"')];
    },
  },
];
