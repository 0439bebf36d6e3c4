// Written by scripts/add-provider-binding.mjs: EcrRepositoryPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecr-repository-policy/index.js";
import { load } from "../load.js";

export const { EcrRepositoryPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/ecr-repository-policy");
export type EcrRepositoryPolicy = Binding.EcrRepositoryPolicy;
export type * from "@cdktf/provider-aws/lib/ecr-repository-policy/index.js";
