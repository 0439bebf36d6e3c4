// `platform setup`'s hardening calls, checked with aws-sdk-client-mock: s3rver answers
// NotImplemented to versioning, encryption, public access block and policy, so these requests are
// verified here, call by call, and bucket creation itself against s3rver (__tests__/cli/setup-list.test.ts).
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { setUpStateBucket, TLS_ONLY_SID, tlsOnlyStatement } from "../../src/lifecycle/state-bucket.js";
import { runCli } from "../helpers/cli.js";

const BUCKET = "acme-platform-state";
const s3 = mockClient(S3Client);
const awsError = (name: string, status: number) => Object.assign(new Error(`${name} (mocked)`), { name, $metadata: { httpStatusCode: status } });

/** A bucket that exists and has none of the hardening yet. */
function bareBucket() {
  s3.reset();
  s3.on(HeadBucketCommand).resolves({});
  s3.on(GetBucketVersioningCommand).resolves({});
  s3.on(GetBucketEncryptionCommand).rejects(awsError("ServerSideEncryptionConfigurationNotFoundError", 404));
  s3.on(GetBucketPolicyCommand).rejects(awsError("NoSuchBucketPolicy", 404));
  s3.on(PutBucketVersioningCommand).resolves({});
  s3.on(PutBucketEncryptionCommand).resolves({});
  s3.on(PutPublicAccessBlockCommand).resolves({});
  s3.on(PutBucketPolicyCommand).resolves({});
}

const setUp = (region = "us-east-1") => setUpStateBucket({ client: new S3Client({ region }), bucket: BUCKET, region });
const policyWritten = () => JSON.parse(s3.commandCalls(PutBucketPolicyCommand)[0]!.args[0].input.Policy!) as { Statement: Array<{ Sid?: string }> };

beforeEach(bareBucket);

describe("setup hardening (aws-sdk-client-mock: s3rver does not implement these calls)", () => {
  it("enables versioning on a bucket that has it off (mocked S3)", async () => {
    await setUp();
    expect(s3.commandCalls(PutBucketVersioningCommand)[0]!.args[0].input).toEqual({ Bucket: BUCKET, VersioningConfiguration: { Status: "Enabled" } });
  });

  it("leaves versioning alone when it is already enabled (mocked S3)", async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: "Enabled" });
    const steps = await setUp();
    expect(s3.commandCalls(PutBucketVersioningCommand)).toHaveLength(0);
    expect(steps.find((step) => step.step === "versioning")).toMatchObject({ outcome: "unchanged" });
  });

  it("sets SSE-S3 default encryption when the bucket has none (mocked S3)", async () => {
    await setUp();
    expect(s3.commandCalls(PutBucketEncryptionCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
    });
  });

  it("keeps a default encryption the account already chose, such as KMS (mocked S3)", async () => {
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }] } });
    const steps = await setUp();
    expect(s3.commandCalls(PutBucketEncryptionCommand)).toHaveLength(0);
    expect(steps.find((step) => step.step === "encryption")).toMatchObject({ outcome: "unchanged", detail: "already on (aws:kms)" });
  });

  it("blocks all four kinds of public access (mocked S3)", async () => {
    await setUp();
    expect(s3.commandCalls(PutPublicAccessBlockCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
  });

  it("writes a policy denying every request made without TLS, to the bucket and its objects (mocked S3)", async () => {
    await setUp();
    expect(policyWritten()).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: TLS_ONLY_SID,
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
  });

  it("adds the TLS-only statement to an existing policy without dropping its statements (mocked S3)", async () => {
    const existing = { Sid: "ReadForAuditors", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "s3:GetObject", Resource: "*" };
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [existing] }) });
    await setUp();
    expect(policyWritten().Statement.map((statement) => statement.Sid)).toEqual(["ReadForAuditors", TLS_ONLY_SID]);
  });

  it("does not rewrite a policy that already holds the TLS-only statement (mocked S3)", async () => {
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify({ Version: "2012-10-17", Statement: [tlsOnlyStatement(BUCKET, "us-east-1")] }) });
    await setUp();
    expect(s3.commandCalls(PutBucketPolicyCommand)).toHaveLength(0);
  });

  it("uses the partition of the region in the policy's ARNs (mocked S3)", async () => {
    await setUp("us-gov-west-1");
    expect(JSON.stringify(policyWritten())).toContain(`arn:aws-us-gov:s3:::${BUCKET}`);
  });

  it("creates a missing bucket with a location constraint outside us-east-1 (mocked S3)", async () => {
    s3.on(HeadBucketCommand).rejects(awsError("NotFound", 404));
    s3.on(CreateBucketCommand).resolves({});
    await setUp("eu-west-1");
    expect(s3.commandCalls(CreateBucketCommand)[0]!.args[0].input).toEqual({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } });
  });

  it("says a bucket name owned by another account is taken (mocked S3)", async () => {
    s3.on(HeadBucketCommand).rejects(awsError("Forbidden", 403));
    await expect(setUp()).rejects.toMatchObject({ exitCode: 3, message: `s3://${BUCKET} exists but this identity cannot use it (403)` });
  });

  it("stops with exit 3 and one line when a hardening call is denied (mocked S3)", async () => {
    s3.on(PutPublicAccessBlockCommand).rejects(awsError("AccessDenied", 403));
    const result = await runCli(["setup", "--state-bucket", BUCKET], { env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`^platform setup: setting public-access-block on s3://${BUCKET}: access denied\\n  hint: `));
  });

  it("prints each step it took (mocked S3)", async () => {
    const result = await runCli(["setup", "--state-bucket", BUCKET], { env: { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        `state bucket s3://${BUCKET} (us-east-1)`,
        "  bucket                exists",
        "  versioning            enabled (every state write keeps the previous version)",
        "  encryption            default encryption set (SSE-S3, AES256)",
        "  public-access-block   all public access blocked",
        `  tls-only-policy       requests without TLS denied (${TLS_ONLY_SID})`,
        `s3://${BUCKET} is ready: 4 changes made`,
        "",
      ].join("\n"),
    );
  });
});
