// Policy rules of the storage unit's resources: EFS encrypted at rest.
import type { PolicyRule } from "../../policy/rule.js";
import { violation } from "../../policy/wording.js";

export const STORAGE_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-ENC-001",
    title: "EFS file systems are encrypted at rest.",
    severity: "error",
    appliesTo: ["aws_efs_file_system"],
    equivalents: { checkov: ["CKV_AWS_42"], trivy: ["AVD-AWS-0037"] },
    exceptable: true,
    check: (fs) => (fs.bool("encrypted") === true ? [] : [violation("the file system is not encrypted at rest", "encrypted", fs.bool("encrypted"), "true")]),
  },
];
