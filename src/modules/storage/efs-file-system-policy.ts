// The file system's resource policy: no access without TLS, from anyone; mounting and writing for the
// given roles, only through the given access point.
import { EfsFileSystemPolicy } from "../../../providers/aws/efs-file-system-policy.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EfsFileSystemPolicyArgs {
  fileSystemId: string;
  fileSystemArn: string;
  accessPointArn: string;
  /** ARNs of the roles that may mount and write (may be empty: then only the TLS rule remains). */
  clientRoleArns: string[];
}

/** The actions an NFS client needs to mount and write through IAM authorization. */
export const EFS_CLIENT_ACTIONS = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"];

export function renderFileSystemPolicy(args: Omit<EfsFileSystemPolicyArgs, "fileSystemId">): string {
  const statements: unknown[] = [
    {
      Sid: "DenyAccessWithoutTls",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "*",
      Resource: args.fileSystemArn,
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
  if (args.clientRoleArns.length > 0) {
    statements.push({
      Sid: "StackClientsMountThroughAccessPoint",
      Effect: "Allow",
      Principal: { AWS: args.clientRoleArns.length === 1 ? args.clientRoleArns[0] : args.clientRoleArns },
      Action: EFS_CLIENT_ACTIONS,
      Resource: args.fileSystemArn,
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": args.accessPointArn } },
    });
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function efsFileSystemPolicy(scope: TerraformStack, id: string, args: EfsFileSystemPolicyArgs): EfsFileSystemPolicy {
  return new EfsFileSystemPolicy(scope, id, { fileSystemId: args.fileSystemId, policy: renderFileSystemPolicy(args) });
}
