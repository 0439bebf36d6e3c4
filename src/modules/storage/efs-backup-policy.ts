// EFS automatic backups (AWS Backup, daily, into the account's default EFS backup vault).
import { EfsBackupPolicy } from "../../../providers/aws/efs-backup-policy.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export function efsBackupPolicy(scope: TerraformStack, id: string, args: { fileSystemId: string; enabled: boolean }): EfsBackupPolicy {
  return new EfsBackupPolicy(scope, id, {
    fileSystemId: args.fileSystemId,
    backupPolicy: { status: args.enabled ? "ENABLED" : "DISABLED" },
  });
}
