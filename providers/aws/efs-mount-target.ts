// Written by scripts/add-provider-binding.mjs: EfsMountTarget, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/efs-mount-target/index.js";
import { load } from "../load.js";

export const { EfsMountTarget } = load<typeof Binding>("@cdktf/provider-aws/lib/efs-mount-target");
export type EfsMountTarget = Binding.EfsMountTarget;
export type * from "@cdktf/provider-aws/lib/efs-mount-target/index.js";
