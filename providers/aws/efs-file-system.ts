// Written by scripts/add-provider-binding.mjs: EfsFileSystem, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/efs-file-system/index.js";
import { load } from "../load.js";

export const { EfsFileSystem } = load<typeof Binding>("@cdktf/provider-aws/lib/efs-file-system");
export type EfsFileSystem = Binding.EfsFileSystem;
export type * from "@cdktf/provider-aws/lib/efs-file-system/index.js";
