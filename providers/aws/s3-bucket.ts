// Written by scripts/add-provider-binding.mjs: S3Bucket, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket/index.js";
import { load } from "../load.js";

export const { S3Bucket } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket");
export type S3Bucket = Binding.S3Bucket;
export type * from "@cdktf/provider-aws/lib/s3-bucket/index.js";
