// Written by scripts/add-provider-binding.mjs: EcsService, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/ecs-service/index.js";
import { load } from "../load.js";

export const { EcsService } = load<typeof Binding>("@cdktf/provider-aws/lib/ecs-service");
export type EcsService = Binding.EcsService;
export type * from "@cdktf/provider-aws/lib/ecs-service/index.js";
