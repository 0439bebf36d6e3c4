// Written by scripts/add-provider-binding.mjs: EfsBackupPolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/efs-backup-policy/index.js";
import { load } from "../load.js";

export const { EfsBackupPolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/efs-backup-policy");
export type EfsBackupPolicy = Binding.EfsBackupPolicy;
export type * from "@cdktf/provider-aws/lib/efs-backup-policy/index.js";
