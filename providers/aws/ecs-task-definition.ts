// Written by scripts/add-provider-binding.mjs: EcsTaskDefinition, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecs-task-definition/index.js";
import { load } from "../load.js";

export const { EcsTaskDefinition } = load<typeof Binding>("@cdktf/provider-aws/lib/ecs-task-definition");
export type EcsTaskDefinition = Binding.EcsTaskDefinition;
export type * from "@cdktf/provider-aws/lib/ecs-task-definition/index.js";
