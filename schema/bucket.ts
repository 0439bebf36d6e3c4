// `spec.bucket`: one private, versioned S3 bucket for the stack's workloads.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

export const BucketCors = Type.Object(
  {
    allowedOrigins: Type.Array(
      Type.String({ pattern: "^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", maxLength: 253, description: "An https origin, e.g. https://app.example.com." }),
      { minItems: 1, maxItems: 20, description: "Origins whose browser pages may call the bucket (https only; no wildcard)." },
    ),
    allowedMethods: Type.Optional(
      Type.Array(Type.Enum(["GET", "PUT", "POST", "HEAD", "DELETE"]), {
        minItems: 1,
        uniqueItems: true,
        default: ["GET", "PUT"],
        description: "HTTP methods those pages may use (presigned downloads and uploads: GET and PUT).",
      }),
    ),
    maxAgeSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 86400, default: 3000, description: "Seconds a browser may cache the preflight response." }),
    ),
  },
  { ...strict, description: "CORS for browser uploads and downloads with presigned URLs. Every request header is allowed; ETag is exposed (multipart uploads read it). Absent: no CORS configuration, so browser pages of other origins cannot call the bucket." },
);

export const Bucket = Type.Object(
  {
    access: Type.Optional(
      Type.Enum(["read-write", "read-only"], {
        default: "read-write",
        description: "What the stack's containers and functions may do with the bucket's objects: `read-write` (list, get, put, delete) or `read-only` (list, get).",
      }),
    ),
    encryption: Type.Optional(
      Type.Enum(["s3", "kms"], {
        default: "s3",
        description: "Server-side encryption: `s3` (S3-managed keys, SSE-S3) or `kms` (the account's AWS-managed key aws/s3, SSE-KMS with an S3 Bucket Key; key use is logged in CloudTrail).",
      }),
    ),
    noncurrentVersionDays: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3650,
        default: 30,
        description: "Days an overwritten or deleted object's previous version is kept (versioning is always on) before S3 deletes it.",
      }),
    ),
    cors: Type.Optional(BucketCors),
    forceDestroy: Type.Optional(
      Type.Boolean({
        default: false,
        description: "Let `platform destroy` delete the bucket with every object and version in it. Off, destroying a non-empty bucket fails and the data stays.",
      }),
    ),
  },
  { ...strict, description: "Amazon S3 bucket: private (public access blocked, ACLs off), versioned, encrypted, TLS only; the stack's workloads read and write its objects." },
);
export type Bucket = Static<typeof Bucket>;

/** `spec.bucket` with every default applied (`cors` stays optional: absent means no CORS configuration). */
export type BucketConfig = Resolved<Bucket, "cors"> & { cors?: Resolved<Static<typeof BucketCors>> };

declare module "./index.js" {
  interface SectionConfigs {
    bucket: BucketConfig;
  }
}
