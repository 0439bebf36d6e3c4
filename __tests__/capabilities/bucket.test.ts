import { describe, expect, it } from "vitest";
import { S3BucketOwnershipControls } from "../../providers/aws/s3-bucket-ownership-controls.js";
import { S3BucketPolicy } from "../../providers/aws/s3-bucket-policy.js";
import { S3BucketPublicAccessBlock } from "../../providers/aws/s3-bucket-public-access-block.js";
import { S3BucketServerSideEncryptionConfigurationA } from "../../providers/aws/s3-bucket-server-side-encryption-configuration.js";
import { S3BucketVersioningA } from "../../providers/aws/s3-bucket-versioning.js";
import { STATEFUL_TYPES } from "../../src/engine/registry.js";
import { FORCE_NEW } from "../../src/diff/replacement.js";
import { bucketName } from "../../src/capabilities/bucket/provision.js";
import { findingsOf } from "../policy/helpers.js";
import { defaultSettings, load, resource, resourcesOf, show, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const ACCOUNT = "${data.aws_caller_identity.current_account.account_id}";
const BUCKET_ARN = "${aws_s3_bucket.bucket_bucket.arn}";
const statementsOf = (json: TerraformJson, policy: string) =>
  (JSON.parse(resource(json, "aws_iam_role_policy", policy).policy as string) as { Statement: Array<Record<string, unknown>> }).Statement;
const containerOf = (json: TerraformJson) =>
  (JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Array<Record<string, unknown>>)[0]!;
const lambda = { functions: [{ name: "worker", image: "worker" }] };
const TLS_DENY = { Sid: "DenyRequestsWithoutTls", Effect: "Deny", Principal: "*", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": "false" } } };

describe("bucket capability", () => {
  it("names the bucket after the service, the account and a hash of the region", async () => {
    const { json } = await synthesize(specYaml({ bucket: {} }));
    expect(resource(json, "aws_s3_bucket", "bucket_bucket")).toMatchObject({ bucket: `test-svc-${ACCOUNT}-487d65`, force_destroy: false });
    const other = await synthesize(specYaml({ bucket: {} }), defaultSettings({ region: "eu-west-1" }));
    expect(resource(other.json, "aws_s3_bucket", "bucket_bucket").bucket).not.toBe(`test-svc-${ACCOUNT}-487d65`);
  });

  it("keeps a 40-character service name's bucket name within S3's 63 characters and rules", () => {
    const name = bucketName("a".repeat(38) + "-b", "123456789012", "ap-southeast-5");
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/);
    expect(bucketName("svc", "123456789012", "us-east-1")).not.toBe(bucketName("svc", "210987654321", "us-east-1"));
  });

  it("blocks public access, disables ACLs, versions, encrypts with S3-managed keys and expires noncurrent versions by default", async () => {
    const { json } = await synthesize(specYaml({ bucket: {} }));
    const bucketRef = "${aws_s3_bucket.bucket_bucket.id}";
    expect(resource(json, "aws_s3_bucket_public_access_block", "bucket_public_access_block")).toMatchObject({
      bucket: bucketRef,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resource(json, "aws_s3_bucket_ownership_controls", "bucket_ownership_controls")).toMatchObject({ bucket: bucketRef, rule: { object_ownership: "BucketOwnerEnforced" } });
    expect(resource(json, "aws_s3_bucket_versioning", "bucket_versioning")).toMatchObject({ bucket: bucketRef, versioning_configuration: { status: "Enabled" } });
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "bucket_encryption").rule).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(resource(json, "aws_s3_bucket_lifecycle_configuration", "bucket_lifecycle").rule).toEqual([
      {
        id: "expire-noncurrent-versions",
        status: "Enabled",
        filter: [{}],
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
    expect(resourcesOf(json, "aws_s3_bucket_cors_configuration")).toEqual({});
  });

  it("takes every field from the spec", async () => {
    const { json } = await synthesize(
      specYaml({ bucket: { encryption: "kms", noncurrentVersionDays: 90, forceDestroy: true, cors: { allowedOrigins: ["https://app.example.com"], allowedMethods: ["PUT"], maxAgeSeconds: 60 } } }),
    );
    expect(resource(json, "aws_s3_bucket", "bucket_bucket").force_destroy).toBe(true);
    expect(resource(json, "aws_s3_bucket_server_side_encryption_configuration", "bucket_encryption").rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" }, bucket_key_enabled: true },
    ]);
    expect((resource(json, "aws_s3_bucket_lifecycle_configuration", "bucket_lifecycle").rule as Array<Record<string, unknown>>)[0]!.noncurrent_version_expiration).toEqual([{ noncurrent_days: 90 }]);
    expect(resource(json, "aws_s3_bucket_cors_configuration", "bucket_cors").cors_rule).toEqual([
      { allowed_origins: ["https://app.example.com"], allowed_methods: ["PUT"], allowed_headers: ["*"], expose_headers: ["ETag"], max_age_seconds: 60 },
    ]);
  });

  it("denies every request without TLS, after the public access block is in place", async () => {
    const { json } = await synthesize(specYaml({ bucket: {} }));
    const policy = resource(json, "aws_s3_bucket_policy", "bucket_policy");
    expect(policy.depends_on).toEqual(["aws_s3_bucket_public_access_block.bucket_public_access_block"]);
    expect(JSON.parse(policy.policy as string).Statement).toEqual([{ ...TLS_DENY, Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`] }]);
  });

  it("grants the task and every function list on the bucket and read-write on its objects only", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, lambda, bucket: {} }));
    for (const policy of ["compute_task_policy", "lambda_worker_policy"]) {
      expect(statementsOf(json, policy)).toEqual(
        expect.arrayContaining([
          { Sid: "ListStackBucket", Effect: "Allow", Action: "s3:ListBucket", Resource: BUCKET_ARN },
          { Sid: "ReadWriteStackBucketObjects", Effect: "Allow", Action: ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], Resource: `${BUCKET_ARN}/*` },
        ]),
      );
    }
    expect(statementsOf(json, "compute_task_execution_policy").map((s) => s.Sid)).not.toContain("ListStackBucket");
  });

  it("grants only list and get with access: read-only", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, bucket: { access: "read-only" } }));
    const statements = statementsOf(json, "compute_task_policy");
    expect(statements).toContainEqual({ Sid: "ReadStackBucketObjects", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` });
    expect(JSON.stringify(statements)).not.toMatch(/s3:PutObject|s3:DeleteObject/);
  });

  it("gives containers and functions BUCKET_NAME, and exports the name and ARN", async () => {
    const { json, context } = await synthesize(specYaml({ compute: {}, lambda, bucket: {} }));
    const name = { name: "BUCKET_NAME", value: "${aws_s3_bucket.bucket_bucket.bucket}" };
    expect(containerOf(json).environment).toContainEqual(name);
    expect((resource(json, "aws_lambda_function", "lambda_worker_function").environment as { variables: Record<string, string> }).variables.BUCKET_NAME).toBe(name.value);
    expect(context.outputs.all().map((o) => o.key)).toEqual(expect.arrayContaining(["bucket.name", "bucket.arn"]));
    expect(json.output?.bucket_name?.value).toBe(name.value);
    expect(json.output?.bucket_arn?.value).toBe(BUCKET_ARN);
  });

  it("creates only the bucket and its configuration", async () => {
    const { json } = await synthesize(specYaml({ bucket: {} }));
    expect(Object.keys(json.resource ?? {}).sort()).toEqual([
      "aws_s3_bucket",
      "aws_s3_bucket_lifecycle_configuration",
      "aws_s3_bucket_ownership_controls",
      "aws_s3_bucket_policy",
      "aws_s3_bucket_public_access_block",
      "aws_s3_bucket_server_side_encryption_configuration",
      "aws_s3_bucket_versioning",
    ]);
  });

  it("refuses a CORS origin that is not https", () => {
    const { diagnostics } = load(specYaml({ compute: {}, bucket: { cors: { allowedOrigins: ["http://app.example.com"] } } }));
    expect(diagnostics.map(show)).toEqual([expect.stringContaining(`spec.bucket.cors.allowedOrigins[0]: "http://app.example.com" is not valid`)]);
  });

  it("tells diff that replacing the bucket loses its objects, and which attributes replace it", () => {
    expect(FORCE_NEW.aws_s3_bucket?.forceNew).toEqual(expect.arrayContaining(["bucket", "bucket_prefix", "object_lock_enabled"]));
    expect(STATEFUL_TYPES.aws_s3_bucket?.loses).toMatch(/object/);
  });

  describe("policy rules", () => {
    const ids = (build: Parameters<typeof findingsOf>[0]) => findingsOf(build).map((f) => f.ruleId);
    it("PLT-S3-001: a public access block with any setting off breaks it", () => {
      const all = { bucket: "b", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
      expect(ids((s) => new S3BucketPublicAccessBlock(s, "pab", all))).not.toContain("PLT-S3-001");
      expect(ids((s) => new S3BucketPublicAccessBlock(s, "pab", { ...all, restrictPublicBuckets: false }))).toContain("PLT-S3-001");
    });
    it("PLT-S3-002: suspended versioning breaks it", () => {
      expect(ids((s) => new S3BucketVersioningA(s, "v", { bucket: "b", versioningConfiguration: { status: "Enabled" } }))).not.toContain("PLT-S3-002");
      expect(ids((s) => new S3BucketVersioningA(s, "v", { bucket: "b", versioningConfiguration: { status: "Suspended" } }))).toContain("PLT-S3-002");
    });
    it("PLT-S3-003: an encryption configuration without a default algorithm breaks it", () => {
      const kms = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }];
      expect(ids((s) => new S3BucketServerSideEncryptionConfigurationA(s, "e", { bucket: "b", rule: kms }))).not.toContain("PLT-S3-003");
      expect(ids((s) => new S3BucketServerSideEncryptionConfigurationA(s, "e", { bucket: "b", rule: [{ bucketKeyEnabled: true }] }))).toContain("PLT-S3-003");
    });
    it("PLT-S3-004: a bucket policy without the TLS deny breaks it", () => {
      const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Resource: "arn", ...statement }] });
      expect(ids((s) => new S3BucketPolicy(s, "p", { bucket: "b", policy: policy(TLS_DENY) }))).not.toContain("PLT-S3-004");
      expect(ids((s) => new S3BucketPolicy(s, "p", { bucket: "b", policy: policy({ ...TLS_DENY, Action: "s3:GetObject" }) }))).toContain("PLT-S3-004");
    });
    it("PLT-S3-005: ownership other than BucketOwnerEnforced breaks it", () => {
      expect(ids((s) => new S3BucketOwnershipControls(s, "o", { bucket: "b", rule: { objectOwnership: "BucketOwnerEnforced" } }))).not.toContain("PLT-S3-005");
      expect(ids((s) => new S3BucketOwnershipControls(s, "o", { bucket: "b", rule: { objectOwnership: "ObjectWriter" } }))).toContain("PLT-S3-005");
    });
  });
});
