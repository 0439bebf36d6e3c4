// Written by scripts/add-provider-binding.mjs: S3BucketCorsConfiguration, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration/index.js";
import { load } from "../load.js";

export const { S3BucketCorsConfiguration } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-cors-configuration");
export type S3BucketCorsConfiguration = Binding.S3BucketCorsConfiguration;
export type * from "@cdktf/provider-aws/lib/s3-bucket-cors-configuration/index.js";
