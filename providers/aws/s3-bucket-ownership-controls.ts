// Written by scripts/add-provider-binding.mjs: S3BucketOwnershipControls, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js";
import { load } from "../load.js";

export const { S3BucketOwnershipControls } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-ownership-controls");
export type S3BucketOwnershipControls = Binding.S3BucketOwnershipControls;
export type * from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js";
