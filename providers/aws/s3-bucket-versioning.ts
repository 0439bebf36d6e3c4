// Written by scripts/add-provider-binding.mjs: S3BucketVersioningA, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
import { load } from "../load.js";

export const { S3BucketVersioningA } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-versioning");
export type S3BucketVersioningA = Binding.S3BucketVersioningA;
export type * from "@cdktf/provider-aws/lib/s3-bucket-versioning/index.js";
