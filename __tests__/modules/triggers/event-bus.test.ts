import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../../../providers/cdktf.js";
import { eventBus } from "../../../src/modules/triggers/event-bus.js";

function synthBus() {
  const stack = new TerraformStack(Testing.app(), "test");
  eventBus(stack, "bus", { name: "svc-events", description: "events of svc", publisherRoleArn: "arn:aws:iam::1:role/svc-webhook" });
  return JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, Record<string, string>>> };
}

describe("eventBus module", () => {
  it("creates a named custom bus", () => {
    expect(synthBus().resource.aws_cloudwatch_event_bus!.bus).toEqual({ name: "svc-events", description: "events of svc" });
  });

  it("allows PutEvents to the publisher role and denies it to every other principal", () => {
    const policy = synthBus().resource.aws_cloudwatch_event_bus_policy!.bus_policy!;
    expect(policy.event_bus_name).toBe("${aws_cloudwatch_event_bus.bus.name}");
    expect(JSON.parse(policy.policy!).Statement).toEqual([
      {
        Sid: "OnlyThePublisherPutsEvents",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::1:role/svc-webhook" },
        Action: "events:PutEvents",
        Resource: "${aws_cloudwatch_event_bus.bus.arn}",
      },
      {
        Sid: "NoOtherPrincipalPutsEvents",
        Effect: "Deny",
        Principal: "*",
        Action: "events:PutEvents",
        Resource: "${aws_cloudwatch_event_bus.bus.arn}",
        Condition: { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::1:role/svc-webhook" } },
      },
    ]);
  });
});
