// Written by scripts/add-provider-binding.mjs: EcsCluster, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecs-cluster/index.js";
import { load } from "../load.js";

export const { EcsCluster } = load<typeof Binding>("@cdktf/provider-aws/lib/ecs-cluster");
export type EcsCluster = Binding.EcsCluster;
export type * from "@cdktf/provider-aws/lib/ecs-cluster/index.js";
