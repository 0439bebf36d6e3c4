// A custom EventBridge event bus that exactly one role may publish to: the bus policy allows that
// role and denies PutEvents to every other principal, including others of the same account (whose
// identity policies alone would otherwise suffice).
import { CloudwatchEventBus } from "../../../providers/aws/cloudwatch-event-bus.js";
import { CloudwatchEventBusPolicy } from "../../../providers/aws/cloudwatch-event-bus-policy.js";
import type { TerraformStack } from "../../../providers/cdktf.js";
import { renderResourcePolicy } from "../iam/policy-document.js";

export interface EventBusArgs {
  name: string;
  description: string;
  /** ARN of the only role allowed to put events on the bus. */
  publisherRoleArn: string;
}

export interface EventBus {
  bus: CloudwatchEventBus;
  policy: CloudwatchEventBusPolicy;
}

/** Creates `<id>` (the bus) and `<id>_policy` (who may publish). */
export function eventBus(scope: TerraformStack, id: string, args: EventBusArgs): EventBus {
  const bus = new CloudwatchEventBus(scope, id, { name: args.name, description: args.description });
  const policy = new CloudwatchEventBusPolicy(scope, `${id}_policy`, {
    eventBusName: bus.name,
    policy: renderResourcePolicy([
      {
        sid: "OnlyThePublisherPutsEvents",
        effect: "Allow",
        principal: { AWS: args.publisherRoleArn },
        actions: ["events:PutEvents"],
        resources: [bus.arn],
      },
      {
        sid: "NoOtherPrincipalPutsEvents",
        effect: "Deny",
        principal: "*",
        actions: ["events:PutEvents"],
        resources: [bus.arn],
        conditions: { ArnNotEquals: { "aws:PrincipalArn": args.publisherRoleArn } },
      },
    ]),
  });
  return { bus, policy };
}
