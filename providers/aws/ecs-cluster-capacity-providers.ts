// Written by scripts/add-provider-binding.mjs: EcsClusterCapacityProviders, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers/index.js";
import { load } from "../load.js";

export const { EcsClusterCapacityProviders } = load<typeof Binding>("@cdktf/provider-aws/lib/ecs-cluster-capacity-providers");
export type EcsClusterCapacityProviders = Binding.EcsClusterCapacityProviders;
export type * from "@cdktf/provider-aws/lib/ecs-cluster-capacity-providers/index.js";
