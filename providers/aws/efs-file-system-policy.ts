// Written by scripts/add-provider-binding.mjs: EfsFileSystemPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/efs-file-system-policy/index.js";
import { load } from "../load.js";

export const { EfsFileSystemPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/efs-file-system-policy");
export type EfsFileSystemPolicy = Binding.EfsFileSystemPolicy;
export type * from "@cdktf/provider-aws/lib/efs-file-system-policy/index.js";
