// Written by scripts/add-provider-binding.mjs: S3BucketPublicAccessBlock, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
import { load } from "../load.js";

export const { S3BucketPublicAccessBlock } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-public-access-block");
export type S3BucketPublicAccessBlock = Binding.S3BucketPublicAccessBlock;
export type * from "@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js";
