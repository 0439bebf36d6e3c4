// `bucket`: one private S3 bucket for the stack's workloads: versioned, encrypted, public access
// blocked, ACLs off, reachable over TLS only, old versions expiring; the roles get its objects.
import { S3BucketCorsConfiguration } from "../../../providers/aws/s3-bucket-cors-configuration.js";
import { S3BucketLifecycleConfiguration } from "../../../providers/aws/s3-bucket-lifecycle-configuration.js";
import { S3BucketOwnershipControls } from "../../../providers/aws/s3-bucket-ownership-controls.js";
import { S3BucketPolicy } from "../../../providers/aws/s3-bucket-policy.js";
import { S3BucketPublicAccessBlock } from "../../../providers/aws/s3-bucket-public-access-block.js";
import { S3BucketServerSideEncryptionConfigurationA } from "../../../providers/aws/s3-bucket-server-side-encryption-configuration.js";
import { S3BucketVersioningA } from "../../../providers/aws/s3-bucket-versioning.js";
import { S3Bucket } from "../../../providers/aws/s3-bucket.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import type { BucketConfig } from "../../../schema/bucket.js";
import { renderResourcePolicy } from "../../modules/iam/policy-document.js";
import type { CapabilityContext } from "../shared/context.js";
import { shortHash } from "../shared/names.js";

declare module "../shared/context.js" {
  interface ContextValues {
    "bucket.bucket": S3Bucket;
  }
}

/** What each `access` lets the roles do: on the bucket (list keys) and on its objects. */
export const BUCKET_ACCESS = {
  "read-only": { bucket: ["s3:ListBucket"], objects: ["s3:GetObject"] },
  "read-write": { bucket: ["s3:ListBucket"], objects: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"] },
} as const;

/** S3 aborts multipart uploads left unfinished this long (their parts are billed but invisible). */
const ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 7;

/**
 * `<service>-<account id>-<hash of the region>`: bucket names are global across every AWS account,
 * so the account id keeps it apart from any other account's and the region's hash from the same
 * service in another region; 40 + 1 + 12 + 1 + 6 = 60 characters at most, within S3's 63.
 */
export const bucketName = (service: string, accountId: string, region: string) => `${service}-${accountId}-${shortHash(region)}`;

export function provision(spec: BucketConfig, ctx: CapabilityContext): void {
  const { scope, infra, workload } = ctx;
  const roles = ctx.require("foundation.roles");

  const bucket = new S3Bucket(scope, "bucket_bucket", {
    bucket: bucketName(ctx.serviceName, infra.accountId, infra.region),
    forceDestroy: spec.forceDestroy,
  });
  const publicAccess = new S3BucketPublicAccessBlock(scope, "bucket_public_access_block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  // ACLs off: the bucket owner owns every object, and access is decided by policies alone.
  new S3BucketOwnershipControls(scope, "bucket_ownership_controls", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
  new S3BucketVersioningA(scope, "bucket_versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
  new S3BucketServerSideEncryptionConfigurationA(scope, "bucket_encryption", {
    bucket: bucket.id,
    rule: [
      spec.encryption === "kms"
        ? // No key id: the account's AWS-managed aws/s3 key. A Bucket Key cuts KMS requests (and cost) per object.
          { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true }
        : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ],
  });
  new S3BucketPolicy(scope, "bucket_policy", {
    bucket: bucket.id,
    // S3 refuses policy writes while it applies the public access block: one after the other.
    dependsOn: [publicAccess],
    policy: renderResourcePolicy([
      {
        sid: "DenyRequestsWithoutTls",
        effect: "Deny",
        principal: "*",
        actions: ["s3:*"],
        resources: [bucket.arn, `${bucket.arn}/*`],
        conditions: { Bool: { "aws:SecureTransport": "false" } },
      },
    ]),
  });
  new S3BucketLifecycleConfiguration(scope, "bucket_lifecycle", {
    bucket: bucket.id,
    rule: [
      {
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [{}],
        noncurrentVersionExpiration: [{ noncurrentDays: spec.noncurrentVersionDays }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS }],
      },
    ],
  });
  if (spec.cors) corsConfiguration(scope, bucket, spec.cors);

  const access = BUCKET_ACCESS[spec.access];
  for (const statement of [
    { sid: "ListStackBucket", actions: [...access.bucket], resources: [bucket.arn] },
    { sid: spec.access === "read-write" ? "ReadWriteStackBucketObjects" : "ReadStackBucketObjects", actions: [...access.objects], resources: [`${bucket.arn}/*`] },
  ]) {
    roles.grantTo("container-task", statement);
    roles.grantTo("function", statement);
  }

  workload.setEnvironment("BUCKET_NAME", bucket.bucket);
  ctx.set("bucket.bucket", bucket);
  ctx.export("bucket.name", bucket.bucket, "Name of the stack's S3 bucket.");
  ctx.export("bucket.arn", bucket.arn, "ARN of the stack's S3 bucket.");
}

function corsConfiguration(scope: TerraformStack, bucket: S3Bucket, cors: NonNullable<BucketConfig["cors"]>): void {
  new S3BucketCorsConfiguration(scope, "bucket_cors", {
    bucket: bucket.id,
    corsRule: [
      {
        allowedOrigins: cors.allowedOrigins,
        allowedMethods: cors.allowedMethods,
        allowedHeaders: ["*"],
        // Multipart uploads from a browser read each part's ETag.
        exposeHeaders: ["ETag"],
        maxAgeSeconds: cors.maxAgeSeconds,
      },
    ],
  });
}
