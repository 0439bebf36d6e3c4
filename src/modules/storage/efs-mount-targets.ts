// EFS mount targets, one per Availability Zone: the zones are known only at plan time, so this is
// one resource with `for_each` over a `{ <az> = <subnet id> }` map, never a count fixed at synth.
import { EfsMountTarget } from "../../../providers/aws/efs-mount-target.js";
import { TerraformIterator, type IResolvable, type TerraformStack } from "../../../providers/cdktf.js";

export interface EfsMountTargetsArgs {
  fileSystemId: string;
  /** Plan-time map from Availability Zone to the one subnet that gets the zone's mount target. */
  subnetPerAz: IResolvable;
  securityGroupIds: string[];
}

export function efsMountTargets(scope: TerraformStack, id: string, args: EfsMountTargetsArgs): EfsMountTarget {
  const zone = TerraformIterator.fromMap(args.subnetPerAz as unknown as Record<string, string>);
  return new EfsMountTarget(scope, id, {
    forEach: zone,
    fileSystemId: args.fileSystemId,
    subnetId: zone.value,
    securityGroups: args.securityGroupIds,
  });
}
