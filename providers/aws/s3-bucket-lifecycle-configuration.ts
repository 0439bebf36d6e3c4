// Written by scripts/add-provider-binding.mjs: S3BucketLifecycleConfiguration, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
import { load } from "../load.js";

export const { S3BucketLifecycleConfiguration } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration");
export type S3BucketLifecycleConfiguration = Binding.S3BucketLifecycleConfiguration;
export type * from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js";
