// The state bucket: creating and hardening it (`platform setup`) and listing the stacks whose state
// it holds (`platform list`). Every step is idempotent and says what it found and what it did.
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  paginateListObjectsV2,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from "@aws-sdk/client-s3";
import { ExternalError } from "../support/errors.js";
import { awsFailure, errorName, httpStatus, isNotImplemented, type Endpoint } from "./aws.js";

/** Sid of the statement `setup` adds to the bucket policy; its presence means the policy is in place. */
export const TLS_ONLY_SID = "DenyInsecureTransport";

export type StepOutcome = "created" | "changed" | "unchanged" | "unsupported";

export interface SetupStep {
  step: "bucket" | "versioning" | "encryption" | "public-access-block" | "tls-only-policy";
  outcome: StepOutcome;
  detail: string;
}

export interface BucketTarget {
  client: S3Client;
  bucket: string;
  region: string;
  /** Set when requests go to an endpoint override (named in errors). */
  endpoint?: Endpoint;
}

/** `aws`, `aws-cn` or `aws-us-gov`, from the region's name. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The statement that refuses every request not made over TLS, to the bucket and its objects. */
export function tlsOnlyStatement(bucket: string, region: string) {
  const arn = `arn:${partitionOf(region)}:s3:::${bucket}`;
  return {
    Sid: TLS_ONLY_SID,
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [arn, `${arn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/**
 * Creates the bucket when missing, then makes sure versioning, default encryption, the public
 * access block and the TLS-only policy are in place. Calls `onStep` as each step finishes. A server
 * that does not implement a hardening call (an S3-compatible test server) yields `unsupported`;
 * any other failure throws.
 */
export async function setUpStateBucket(target: BucketTarget, onStep: (step: SetupStep) => void = () => {}): Promise<SetupStep[]> {
  const steps: SetupStep[] = [];
  const record = (step: SetupStep) => {
    steps.push(step);
    onStep(step);
  };
  const { client, bucket, region } = target;
  const fail = (error: unknown, doing: string) => awsFailure(error, `${doing} s3://${bucket}`, target.endpoint);

  record(await ensureBucket(target));

  const hardening: Array<{ step: SetupStep["step"]; run: () => Promise<SetupStep> }> = [
    {
      step: "versioning",
      run: async () => {
        const current = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
        if (current.Status === "Enabled") return { step: "versioning", outcome: "unchanged", detail: "already enabled" };
        await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
        return { step: "versioning", outcome: "changed", detail: "enabled (every state write keeps the previous version)" };
      },
    },
    {
      step: "encryption",
      run: async () => {
        const algorithm = await currentEncryption(client, bucket);
        // Keep an existing default (for example a KMS key the account chose); add SSE-S3 only where none is set.
        if (algorithm) return { step: "encryption", outcome: "unchanged", detail: `already on (${algorithm})` };
        await client.send(
          new PutBucketEncryptionCommand({
            Bucket: bucket,
            ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
          }),
        );
        return { step: "encryption", outcome: "changed", detail: "default encryption set (SSE-S3, AES256)" };
      },
    },
    {
      step: "public-access-block",
      run: async () => {
        // Always written: it is one idempotent call, and it tightens a block someone may have loosened.
        await client.send(
          new PutPublicAccessBlockCommand({
            Bucket: bucket,
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
          }),
        );
        return { step: "public-access-block", outcome: "changed", detail: "all public access blocked" };
      },
    },
    {
      step: "tls-only-policy",
      run: async () => {
        const policy = await currentPolicy(client, bucket);
        const statements = Array.isArray(policy?.Statement) ? policy.Statement : policy?.Statement ? [policy.Statement] : [];
        if (statements.some((statement) => (statement as { Sid?: string }).Sid === TLS_ONLY_SID)) {
          return { step: "tls-only-policy", outcome: "unchanged", detail: `already in the bucket policy (${TLS_ONLY_SID})` };
        }
        // Add to the existing policy rather than replace it: other statements may be someone's access.
        const next = { Version: policy?.Version ?? "2012-10-17", ...(policy ?? {}), Statement: [...statements, tlsOnlyStatement(bucket, region)] };
        await client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(next) }));
        return { step: "tls-only-policy", outcome: "changed", detail: `requests without TLS denied (${TLS_ONLY_SID})` };
      },
    },
  ];

  for (const { step, run } of hardening) {
    try {
      record(await run());
    } catch (error) {
      // s3rver routes PUT ?versioning to bucket creation; S3 itself never answers that call so.
      const misrouted = step === "versioning" && errorName(error) === "BucketAlreadyExists";
      if (!isNotImplemented(error) && !misrouted) throw fail(error, `setting ${step} on`);
      record({ step, outcome: "unsupported", detail: "not implemented by this S3 endpoint; skipped" });
    }
  }
  return steps;
}

async function ensureBucket({ client, bucket, region, endpoint }: BucketTarget): Promise<SetupStep> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return { step: "bucket", outcome: "unchanged", detail: "exists" };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 403) {
      throw new ExternalError(
        `s3://${bucket} exists but this identity cannot use it (403)`,
        "bucket names are global: if another account owns it, choose another name with --state-bucket / PLATFORM_STATE_BUCKET; otherwise allow s3:ListBucket on it",
      );
    }
    if (status === 301) {
      throw new ExternalError(`s3://${bucket} exists in another region than ${region}`, "set --state-region / PLATFORM_STATE_REGION to the bucket's region");
    }
    if (status !== 404 && errorName(error) !== "NotFound" && errorName(error) !== "NoSuchBucket") {
      throw awsFailure(error, `checking s3://${bucket}`, endpoint);
    }
  }
  try {
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the one region that must not be named as a location constraint.
        ...(region === "us-east-1" ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
    return { step: "bucket", outcome: "created", detail: `created in ${region}` };
  } catch (error) {
    if (errorName(error) === "BucketAlreadyOwnedByYou") return { step: "bucket", outcome: "unchanged", detail: "exists" };
    if (errorName(error) === "BucketAlreadyExists") {
      throw new ExternalError(`s3://${bucket} is taken by another account`, "bucket names are global: choose another with --state-bucket / PLATFORM_STATE_BUCKET");
    }
    throw awsFailure(error, `creating s3://${bucket}`, endpoint);
  }
}

async function currentEncryption(client: S3Client, bucket: string): Promise<string | undefined> {
  try {
    const answer = await client.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    return answer.ServerSideEncryptionConfiguration?.Rules?.find((rule) => rule.ApplyServerSideEncryptionByDefault)?.ApplyServerSideEncryptionByDefault
      ?.SSEAlgorithm;
  } catch (error) {
    if (errorName(error) === "ServerSideEncryptionConfigurationNotFoundError") return undefined;
    throw error;
  }
}

interface PolicyDocument {
  Version?: string;
  Statement?: unknown;
  [key: string]: unknown;
}

async function currentPolicy(client: S3Client, bucket: string): Promise<PolicyDocument | undefined> {
  try {
    const answer = await client.send(new GetBucketPolicyCommand({ Bucket: bucket }));
    return answer.Policy ? (JSON.parse(answer.Policy) as PolicyDocument) : undefined;
  } catch (error) {
    if (errorName(error) === "NoSuchBucketPolicy") return undefined;
    throw error;
  }
}

export interface StackState {
  /** The stack name: the service name, or `<service>-<environment>` for an environment's state. */
  name: string;
  /** The service name (the key's first folder). */
  service: string;
  /** The environment (the key's second folder), for a spec with environments. */
  environment?: string;
  key: string;
  lastModified: string;
  size: number;
}

/** Folder of every stack's state; see `stateKey` in src/engine/stack.ts. */
const STATE_KEY_PREFIX = "platform/";
const STATE_KEY = /^platform\/([^/]+)\/(?:([^/]+)\/)?terraform\.tfstate$/;

/**
 * Stacks with state in the bucket, by name: keys `platform/<name>/terraform.tfstate` and, for an
 * environment, `platform/<name>/<environment>/terraform.tfstate` (lock files
 * `.tflock` and anything else under the prefix are not stacks).
 */
export async function listStacks({ client, bucket, endpoint }: BucketTarget): Promise<StackState[]> {
  const stacks: StackState[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: STATE_KEY_PREFIX })) {
      for (const object of page.Contents ?? []) {
        const match = STATE_KEY.exec(object.Key ?? "");
        if (!match) continue;
        const [, service, environment] = match as unknown as [string, string, string | undefined];
        stacks.push({
          name: environment === undefined ? service : `${service}-${environment}`,
          service,
          ...(environment === undefined ? {} : { environment }),
          key: object.Key!,
          lastModified: object.LastModified?.toISOString() ?? "",
          size: object.Size ?? 0,
        });
      }
    }
  } catch (error) {
    throw awsFailure(error, `listing s3://${bucket}/${STATE_KEY_PREFIX}`, endpoint);
  }
  return stacks.sort((a, b) => a.name.localeCompare(b.name));
}
