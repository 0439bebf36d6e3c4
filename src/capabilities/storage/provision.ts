// `storage`: the stack's EFS file system, reachable in every Availability Zone of the private
// subnets, mounted by every workload through one access point, over TLS and with IAM authorization.
import type { EfsAccessPoint } from "../../../providers/aws/efs-access-point.js";
import type { EfsFileSystem } from "../../../providers/aws/efs-file-system.js";
import type { StorageConfig } from "../../../schema/storage.js";
import type { CapabilityContext } from "../shared/context.js";
import { declareException } from "../../policy/exceptions.js";
import { ruleIn } from "../../policy/registry.js";
import { STORAGE_RULES } from "./policy.js";
import { efsAccessPoint } from "../../modules/storage/efs-access-point.js";
import { efsBackupPolicy } from "../../modules/storage/efs-backup-policy.js";
import { efsFileSystem } from "../../modules/storage/efs-file-system.js";
import { EFS_CLIENT_ACTIONS, efsFileSystemPolicy } from "../../modules/storage/efs-file-system-policy.js";
import { efsMountTargets } from "../../modules/storage/efs-mount-targets.js";

declare module "../shared/context.js" {
  interface ContextValues {
    "storage.fileSystem": EfsFileSystem;
    "storage.accessPoint": EfsAccessPoint;
  }
}

export function provision(storage: StorageConfig, ctx: CapabilityContext): void {
  const { scope, infra, workload } = ctx;
  const roles = ctx.require("foundation.roles");
  const groups = ctx.require("foundation.securityGroups");

  const fileSystem = efsFileSystem(scope, "storage_file_system", {
    creationToken: ctx.name("efsCreationToken"),
    encrypted: storage.encrypted,
    transitionToIa: storage.lifecyclePolicy,
  });
  if (!storage.encrypted) declareException(fileSystem, ruleIn(STORAGE_RULES, "PLT-ENC-001"), "spec.storage.encrypted is false");
  const mountTargets = efsMountTargets(scope, "storage_mount_target", {
    fileSystemId: fileSystem.id,
    subnetPerAz: infra.privateSubnetPerAz,
    securityGroupIds: [groups.get("storage").id],
  });
  const accessPoint = efsAccessPoint(scope, "storage_access_point", {
    fileSystemId: fileSystem.id,
    path: storage.accessPoint.path,
    uid: storage.accessPoint.uid,
    gid: storage.accessPoint.gid,
    permissions: storage.accessPoint.permissions,
  });
  efsBackupPolicy(scope, "storage_backup_policy", { fileSystemId: fileSystem.id, enabled: storage.backup });

  // Once a file system policy exists it replaces EFS's default "any client with network access", so
  // the stack's clients are named here (resource side) and granted below (identity side).
  const clientRoleKeys = [...roles.keysFor("container-task"), ...roles.keysFor("function")];
  efsFileSystemPolicy(scope, "storage_file_system_policy", {
    fileSystemId: fileSystem.id,
    fileSystemArn: fileSystem.arn,
    accessPointArn: accessPoint.arn,
    clientRoleArns: clientRoleKeys.map((key) => roles.role(key).arn),
  });
  const mountGrant = {
    sid: "MountStackFileSystemThroughAccessPoint",
    actions: EFS_CLIENT_ACTIONS,
    resources: [fileSystem.arn],
    conditions: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPoint.arn } },
  };
  roles.grantTo("container-task", mountGrant);
  roles.grantTo("function", mountGrant);

  workload.mountFileSystem({
    fileSystemId: fileSystem.id,
    accessPointId: accessPoint.id,
    accessPointArn: accessPoint.arn,
    mountPath: storage.mountPath,
    mountTargets: [mountTargets],
  });
  workload.setEnvironment("STORAGE_MOUNT_PATH", storage.mountPath);

  ctx.set("storage.fileSystem", fileSystem);
  ctx.set("storage.accessPoint", accessPoint);

  ctx.export("storage.efs.filesystem_id", fileSystem.id, "Id of the EFS file system.");
  ctx.export("storage.efs.filesystem_arn", fileSystem.arn, "ARN of the EFS file system.");
  ctx.export("storage.efs.access_point_id", accessPoint.id, "Id of the access point every workload mounts through.");
  ctx.export("storage.efs.access_point_arn", accessPoint.arn, "ARN of the access point every workload mounts through.");
}
