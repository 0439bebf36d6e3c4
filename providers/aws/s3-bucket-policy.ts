// Written by scripts/add-provider-binding.mjs: S3BucketPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
import { load } from "../load.js";

export const { S3BucketPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-policy");
export type S3BucketPolicy = Binding.S3BucketPolicy;
export type * from "@cdktf/provider-aws/lib/s3-bucket-policy/index.js";
