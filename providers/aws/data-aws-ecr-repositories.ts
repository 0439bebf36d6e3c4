// Written by scripts/add-provider-binding.mjs: DataAwsEcrRepositories, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/data-aws-ecr-repositories/index.js";
import { load } from "../load.js";

export const { DataAwsEcrRepositories } = load<typeof Binding>("@cdktf/provider-aws/lib/data-aws-ecr-repositories");
export type DataAwsEcrRepositories = Binding.DataAwsEcrRepositories;
export type * from "@cdktf/provider-aws/lib/data-aws-ecr-repositories/index.js";
