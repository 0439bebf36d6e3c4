import { describe, expect, it } from "vitest";
import { defaultSettings, resource, specYaml, synthesize } from "../helpers/spec.js";

const ALB_VPC = "${data.aws_lb.shared_alb.vpc_id}";

describe("the shared VPC's private subnets", () => {
  it("are looked up in the shared ALB's VPC only, so a second tagged VPC in the account contributes none", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 } }));
    const subnets = json.data?.aws_subnets?.private_subnets as Record<string, unknown>;
    expect(subnets).toMatchObject({ tags: { network: "private" }, filter: [{ name: "vpc-id", values: [ALB_VPC] }] });
  });

  it("give every VPC-bound resource the ALB's VPC, never the VPC of whichever subnet comes first", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 }, serviceDiscovery: { namespace: "svc.internal" } }));
    expect(resource(json, "aws_security_group", "compute_security_group").vpc_id).toBe(ALB_VPC);
    expect(resource(json, "aws_lb_target_group", "networking_target_group").vpc_id).toBe(ALB_VPC);
    expect(resource(json, "aws_service_discovery_private_dns_namespace", "service_discovery_namespace").vpc).toBe(ALB_VPC);
    expect(JSON.stringify(json)).not.toContain("element(");
  });

  it("fail the plan with a message naming the tag and the ALB when none is found (a postcondition)", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions: [{ name: "api", image: "api" }] } }), defaultSettings({ privateSubnetTag: "tier=private", albName: "shared-alb" }));
    const subnets = json.data?.aws_subnets?.private_subnets as { lifecycle?: { postcondition?: Array<{ condition: string; error_message: string }> } };
    expect(subnets.lifecycle?.postcondition).toEqual([
      {
        condition: "${length(self.ids) >= 1}",
        error_message: expect.stringMatching(/^No private subnet found: the stack needs at least 1 subnet tagged tier=private in the VPC of the shared load balancer shared-alb \(\$\{data\.aws_lb\.shared_alb\.vpc_id\}\)\. Tag/),
      },
    ]);
  });

  it("keeps a settings value in the message as text, never as an interpolation", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 } }), defaultSettings({ privateSubnetTag: "tier=${var.x}%{if}" }));
    const subnets = json.data?.aws_subnets?.private_subnets as { lifecycle: { postcondition: Array<{ error_message: string }> } };
    expect(subnets.lifecycle.postcondition[0]!.error_message).toContain("tagged tier=$${var.x}%%{if} in");
  });
});
