// An EFS access point: every client acts as one POSIX user and sees one directory, created on first
// use with the given owner and mode.
import { EfsAccessPoint } from "../../../providers/aws/efs-access-point.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EfsAccessPointArgs {
  fileSystemId: string;
  /** Root directory inside the file system, e.g. `/data`. */
  path: string;
  uid: number;
  gid: number;
  /** Octal mode of the root directory when EFS creates it, e.g. `0750`. */
  permissions: string;
}

export function efsAccessPoint(scope: TerraformStack, id: string, args: EfsAccessPointArgs): EfsAccessPoint {
  return new EfsAccessPoint(scope, id, {
    fileSystemId: args.fileSystemId,
    posixUser: { uid: args.uid, gid: args.gid },
    rootDirectory: {
      path: args.path,
      // Without creation_info EFS never creates the directory, and mounts of a missing path fail.
      creationInfo: { ownerUid: args.uid, ownerGid: args.gid, permissions: args.permissions },
    },
  });
}
