// The subnets RDS may place the instance (and its Multi-AZ standby) in.
import { DbSubnetGroup } from "../../../providers/aws/db-subnet-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import type { PlanCheck } from "../plan-check.js";

export interface DbSubnetGroupArgs {
  name: string;
  description: string;
  subnetIds: string[];
  /** Checked by `terraform plan` before the group is created or changed. */
  checks?: PlanCheck[];
}

export function dbSubnetGroup(scope: TerraformStack, id: string, args: DbSubnetGroupArgs): DbSubnetGroup {
  return new DbSubnetGroup(scope, id, {
    name: args.name,
    description: args.description,
    subnetIds: args.subnetIds,
    ...(args.checks?.length ? { lifecycle: { precondition: args.checks } } : {}),
  });
}
