// `bucket`: one private, versioned, encrypted S3 bucket for the stack's workloads, and the policy
// rules of its resources (none of which a spec field may turn off, so they live here).
import type { PolicyRule } from "../../policy/rule.js";
import { asBlocks, insecureTransportProblems } from "../../policy/values.js";
import { defineCapability } from "../shared/definition.js";
import { PROVIDER_DOCS, PROVIDER_SOURCE } from "../shared/stateful.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    BUCKET_NAME: true;
  }
}

const PUBLIC_ACCESS_SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const BUCKET_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-S3-001",
    title: "S3 buckets block every kind of public access (all four public access block settings on).",
    severity: "error",
    appliesTo: ["aws_s3_bucket_public_access_block"],
    equivalents: { checkov: ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"], trivy: ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093"] },
    exceptable: false,
    check: (block) => PUBLIC_ACCESS_SETTINGS.filter((setting) => block.bool(setting) !== true).map((setting) => `${setting} is not true`),
  },
  {
    id: "PLT-S3-002",
    title: "S3 buckets keep object versions (versioning Enabled).",
    severity: "error",
    appliesTo: ["aws_s3_bucket_versioning"],
    equivalents: { checkov: ["CKV_AWS_21"], trivy: ["AVD-AWS-0090"] },
    exceptable: false,
    check: (versioning) => {
      const status = versioning.block("versioning_configuration")?.status;
      return status === "Enabled" ? [] : [`versioning_configuration.status is ${JSON.stringify(status ?? null)}; use "Enabled"`];
    },
  },
  {
    id: "PLT-S3-003",
    title: "S3 buckets encrypt objects by default (SSE-S3 or SSE-KMS).",
    severity: "error",
    appliesTo: ["aws_s3_bucket_server_side_encryption_configuration"],
    equivalents: { checkov: ["CKV_AWS_19"], trivy: ["AVD-AWS-0088"] },
    exceptable: false,
    check: (encryption) => {
      const defaults = encryption.blocks("rule").flatMap((rule) => asBlocks(rule.apply_server_side_encryption_by_default));
      const ok = defaults.length > 0 && defaults.every((d) => ["AES256", "aws:kms", "aws:kms:dsse"].includes(String(d.sse_algorithm)));
      return ok ? [] : ["no default encryption (rule.apply_server_side_encryption_by_default.sse_algorithm AES256 or aws:kms)"];
    },
  },
  {
    id: "PLT-S3-004",
    title: "S3 bucket policies deny every request made without TLS (aws:SecureTransport false).",
    severity: "error",
    appliesTo: ["aws_s3_bucket_policy"],
    equivalents: { checkov: [], trivy: [] },
    exceptable: false,
    check: (policy) => insecureTransportProblems(policy.json("policy"), "s3"),
  },
  {
    id: "PLT-S3-005",
    title: "S3 buckets disable ACLs (object ownership BucketOwnerEnforced).",
    severity: "error",
    appliesTo: ["aws_s3_bucket_ownership_controls"],
    equivalents: { checkov: [], trivy: [] },
    exceptable: false,
    check: (controls) => {
      const ownership = controls.block("rule")?.object_ownership;
      return ownership === "BucketOwnerEnforced" ? [] : [`rule.object_ownership is ${JSON.stringify(ownership ?? null)}; use "BucketOwnerEnforced"`];
    },
  },
];

export const bucket = defineCapability({
  section: "bucket",
  phase: "infrastructure",
  summary: "S3 bucket: versioned, encrypted, public access blocked, ACLs off, TLS-only policy, noncurrent versions expire; workloads read (and write) its objects",
  reachedBy: ["compute", "lambda"],
  environment: {
    BUCKET_NAME: { capability: "bucket", description: "Name of the stack's S3 bucket.", audience: "workloads" },
  },
  statefulTypes: {
    aws_s3_bucket: {
      kind: "bucket",
      loses: "every object and every version in it (destroying a non-empty bucket fails unless forceDestroy is set)",
      mayReplace: [],
      sources: [`${PROVIDER_DOCS}/s3_bucket.html.markdown`, `${PROVIDER_SOURCE}/s3/bucket.go`],
    },
  },
  policyRules: BUCKET_RULES,
  starter: () => ["  # An S3 bucket: versioned, encrypted, private to this stack's compute and functions.", "  bucket:", "    access: read-write # or read-only"],
  load: () => import("./provision.js"),
});
