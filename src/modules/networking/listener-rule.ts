// A host-header rule on the shared HTTPS listener that forwards the service's host names (at most
// five: the condition's quota) to a target group.
import { LbListenerRule } from "../../../providers/aws/lb-listener-rule.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface ListenerRuleArgs {
  listenerArn: string;
  /** The service's host name first, then its extra ones. */
  hosts: string[];
  targetGroupArn: string;
  /** Unset: AWS assigns the next free priority. */
  priority?: number;
}

export function hostListenerRule(scope: TerraformStack, id: string, args: ListenerRuleArgs): LbListenerRule {
  return new LbListenerRule(scope, id, {
    listenerArn: args.listenerArn,
    ...(args.priority !== undefined ? { priority: args.priority } : {}),
    action: [{ type: "forward", targetGroupArn: args.targetGroupArn }],
    condition: [{ hostHeader: { values: args.hosts } }],
  });
}
