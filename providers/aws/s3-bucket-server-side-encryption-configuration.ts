// Written by scripts/add-provider-binding.mjs: S3BucketServerSideEncryptionConfigurationA, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
import { load } from "../load.js";

export const { S3BucketServerSideEncryptionConfigurationA } = load<typeof Binding>("@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration");
export type S3BucketServerSideEncryptionConfigurationA = Binding.S3BucketServerSideEncryptionConfigurationA;
export type * from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js";
