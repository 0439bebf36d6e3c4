// An EFS file system: elastic throughput (pay for what is read and written, no burst credits to run
// out of), optionally encrypted with the AWS-managed key, moving cold files to Infrequent Access.
import { EfsFileSystem } from "../../../providers/aws/efs-file-system.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EfsFileSystemArgs {
  /** Idempotency token, unique per account and region. */
  creationToken: string;
  encrypted: boolean;
  /** When files not accessed move to Infrequent Access, e.g. `AFTER_30_DAYS`. */
  transitionToIa: string;
}

export function efsFileSystem(scope: TerraformStack, id: string, args: EfsFileSystemArgs): EfsFileSystem {
  return new EfsFileSystem(scope, id, {
    creationToken: args.creationToken,
    encrypted: args.encrypted,
    throughputMode: "elastic",
    lifecyclePolicy: [{ transitionToIa: args.transitionToIa }],
    // The console lists file systems by their Name tag.
    tags: { Name: args.creationToken },
  });
}
