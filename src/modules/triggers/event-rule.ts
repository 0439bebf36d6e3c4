// A rule on an event bus that sends matching events to one function: the rule, its target (with a
// dead-letter queue for events the function could not take), and the function's resource policy
// statement letting EventBridge invoke it for this rule only.
import { CloudwatchEventRule } from "../../../providers/aws/cloudwatch-event-rule.js";
import { CloudwatchEventTarget } from "../../../providers/aws/cloudwatch-event-target.js";
import { LambdaPermission } from "../../../providers/aws/lambda-permission.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface EventRuleArgs {
  name: string;
  description: string;
  busName: string;
  /** The event pattern as JSON text; user text in it arrives escaped (src/engine/literal.ts). */
  pattern: string;
  functionArn: string;
  functionName: string;
  deadLetterQueueArn: string;
}

export interface EventRuleToFunction {
  rule: CloudwatchEventRule;
  target: CloudwatchEventTarget;
  permission: LambdaPermission;
}

/** Creates `<id>` (the rule), `<id>_target` and `<id>_permission`. */
export function eventRuleToFunction(scope: TerraformStack, id: string, args: EventRuleArgs): EventRuleToFunction {
  const rule = new CloudwatchEventRule(scope, id, {
    name: args.name,
    description: args.description,
    eventBusName: args.busName,
    eventPattern: args.pattern,
  });
  const target = new CloudwatchEventTarget(scope, `${id}_target`, {
    rule: rule.name,
    eventBusName: args.busName,
    targetId: "function",
    arn: args.functionArn,
    deadLetterConfig: { arn: args.deadLetterQueueArn },
  });
  const permission = new LambdaPermission(scope, `${id}_permission`, {
    functionName: args.functionName,
    statementId: `EventRule-${args.name}`,
    action: "lambda:InvokeFunction",
    principal: "events.amazonaws.com",
    sourceArn: rule.arn,
  });
  return { rule, target, permission };
}
