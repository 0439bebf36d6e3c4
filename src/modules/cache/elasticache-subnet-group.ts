// The subnets ElastiCache may place cache nodes in.
import { ElasticacheSubnetGroup } from "../../../providers/aws/elasticache-subnet-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import type { PlanCheck } from "../plan-check.js";

export interface ElasticacheSubnetGroupArgs {
  name: string;
  description: string;
  subnetIds: string[];
  /** Checked by `terraform plan` before the group is created or changed. */
  checks?: PlanCheck[];
}

export function elasticacheSubnetGroup(scope: TerraformStack, id: string, args: ElasticacheSubnetGroupArgs): ElasticacheSubnetGroup {
  return new ElasticacheSubnetGroup(scope, id, {
    name: args.name,
    description: args.description,
    subnetIds: args.subnetIds,
    ...(args.checks?.length ? { lifecycle: { precondition: args.checks } } : {}),
  });
}
