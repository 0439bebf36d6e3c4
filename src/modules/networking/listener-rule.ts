// A host-header rule on the shared HTTPS listener that forwards one host name to a target group.
import { LbListenerRule } from "../../../providers/aws/lb-listener-rule.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface ListenerRuleArgs {
  listenerArn: string;
  host: string;
  targetGroupArn: string;
  /** Unset: AWS assigns the next free priority. */
  priority?: number;
}

export function hostListenerRule(scope: TerraformStack, id: string, args: ListenerRuleArgs): LbListenerRule {
  return new LbListenerRule(scope, id, {
    listenerArn: args.listenerArn,
    ...(args.priority !== undefined ? { priority: args.priority } : {}),
    action: [{ type: "forward", targetGroupArn: args.targetGroupArn }],
    condition: [{ hostHeader: { values: [args.host] } }],
  });
}
