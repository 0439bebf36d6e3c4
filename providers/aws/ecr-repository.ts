// Written by scripts/add-provider-binding.mjs: EcrRepository, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecr-repository/index.js";
import { load } from "../load.js";

export const { EcrRepository } = load<typeof Binding>("@cdktf/provider-aws/lib/ecr-repository");
export type EcrRepository = Binding.EcrRepository;
export type * from "@cdktf/provider-aws/lib/ecr-repository/index.js";
