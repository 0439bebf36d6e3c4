import { describe, expect, it } from "vitest";
import { securityGroup } from "../../../src/modules/networking/security-group.js";
import { synthModule } from "../../helpers/module.js";
import { resource } from "../../helpers/spec.js";

const group = (name = "orders-compute", description = "ECS tasks of orders") =>
  resource(synthModule((scope) => securityGroup(scope, "sg", { name, description, vpcId: "vpc-1" })), "aws_security_group", "sg");

describe("securityGroup module", () => {
  it("is replaced before it is destroyed, under a fresh name: a fixed name would make the second group of a replacement clash with the first in the VPC", () => {
    const body = group();
    expect(body.lifecycle).toEqual({ create_before_destroy: true });
    expect(body).not.toHaveProperty("name");
    expect(body.name_prefix).toBe("orders-compute-");
    expect(body).toMatchObject({ description: "ECS tasks of orders", vpc_id: "vpc-1" });
  });

  it("leaves Terraform's 26-character unique suffix room within the 255-character name limit", () => {
    expect(() => group("a".repeat(229))).toThrow(/228/);
    expect(group("a".repeat(228)).name_prefix).toHaveLength(229);
  });
});
