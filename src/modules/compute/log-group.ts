// A CloudWatch log group with a retention period (logs never grow without bound).
import { CloudwatchLogGroup } from "../../../providers/aws/cloudwatch-log-group.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export function logGroup(scope: TerraformStack, id: string, args: { name: string; retentionDays: number }): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, id, { name: args.name, retentionInDays: args.retentionDays });
}
