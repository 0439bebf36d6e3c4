// Issue 15 item 8: SERVICE_DISCOVERY_NAME promises functions and tasks a way to the service's
// tasks; the security groups must open exactly that path (the container port), and nothing more.
import { describe, expect, it } from "vitest";
import { resourcesOf, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const functions = [{ name: "chat", image: "agent" }];
type Rule = { security_group_id: string; referenced_security_group_id?: string; from_port: number; to_port: number; ip_protocol: string };
const rulesOf = (json: TerraformJson, type: "ingress" | "egress") => Object.values(resourcesOf(json, `aws_vpc_security_group_${type}_rule`)) as Rule[];
const group = (role: string) => `\${aws_security_group.${role}_security_group.id}`;
/** [group, peer, port] of each rule between two of the stack's groups. */
const paths = (json: TerraformJson, type: "ingress" | "egress") =>
  rulesOf(json, type)
    .filter((rule) => rule.referenced_security_group_id?.startsWith("${aws_security_group."))
    .map((rule) => [rule.security_group_id, rule.referenced_security_group_id, rule.from_port, rule.to_port])
    .sort();

describe("service discovery: the paths its injected name promises", () => {
  it("admits the stack's functions and its own tasks to the container port, and lets them out to it", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 }, lambda: { functions }, serviceDiscovery: { namespace: "orders.internal" } }));
    expect(paths(json, "ingress")).toEqual(
      [
        [group("compute"), group("compute"), 8080, 8080],
        [group("compute"), group("lambda"), 8080, 8080],
      ].sort(),
    );
    expect(paths(json, "egress")).toEqual(
      [
        [group("compute"), group("compute"), 8080, 8080],
        [group("lambda"), group("compute"), 8080, 8080],
      ].sort(),
    );
  });

  it("opens the tasks' path without functions, and none at all without service discovery", async () => {
    const tasksOnly = (await synthesize(specYaml({ compute: { port: 3000 }, serviceDiscovery: { namespace: "orders.internal" } }))).json;
    expect(paths(tasksOnly, "ingress")).toEqual([[group("compute"), group("compute"), 3000, 3000]]);
    expect(paths(tasksOnly, "egress")).toEqual([[group("compute"), group("compute"), 3000, 3000]]);
    const without = (await synthesize(specYaml({ compute: { port: 8080 }, lambda: { functions } }))).json;
    expect(paths(without, "ingress")).toEqual([]);
    expect(paths(without, "egress")).toEqual([]);
  });
});
