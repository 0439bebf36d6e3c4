// Written by scripts/add-provider-binding.mjs: DataAwsEcrImages, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-ecr-images/index.js";
import { load } from "../load.js";

export const { DataAwsEcrImages } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-ecr-images");
export type DataAwsEcrImages = Binding.DataAwsEcrImages;
export type * from "@cdktf/provider-aws/lib/data-aws-ecr-images/index.js";
