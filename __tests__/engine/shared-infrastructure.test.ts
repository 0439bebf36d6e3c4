import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSettings, resource, specYaml, synthesize } from "../helpers/spec.js";

const ALB_VPC = "${data.aws_lb.shared_alb.vpc_id}";

describe("the shared VPC's private subnets", () => {
  it("are looked up in the shared ALB's VPC only, so a second tagged VPC in the account contributes none", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 }, lambda: { functions: [{ name: "api", image: "api" }] } }));
    const subnets = json.data?.aws_subnets?.private_subnets as Record<string, unknown>;
    expect(subnets).toMatchObject({ tags: { network: "private" }, filter: [{ name: "vpc-id", values: [ALB_VPC] }] });
    expect(json.data?.aws_subnets?.target_subnets).toMatchObject({ tags: { network: "private" }, filter: [{ name: "vpc-id", values: [ALB_VPC] }, { name: "availability-zone" }] });
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

  it("give the service's tasks only the private subnets in the shared ALB's zones (its subnets' zones, looked up by id)", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 } }));
    expect(json.data?.aws_subnet?.shared_alb_subnet).toMatchObject({ for_each: "${toset(tolist(data.aws_lb.shared_alb.subnets))}", id: "${each.value}" });
    expect(json.data?.aws_subnets?.target_subnets).toMatchObject({
      tags: { network: "private" },
      filter: [
        { name: "vpc-id", values: [ALB_VPC] },
        { name: "availability-zone", values: "${[ for key, val in data.aws_subnet.shared_alb_subnet: val.availability_zone]}" },
      ],
    });
    const network = resource(json, "aws_ecs_service", "compute_ecs_service").network_configuration as { subnets: unknown };
    expect(network.subnets).toBe("${data.aws_subnets.target_subnets.ids}");
  });

  it("leave functions and data services on every private subnet: only the ALB's targets are bound to its zones", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions: [{ name: "api", image: "api" }] } }));
    expect(json.data?.aws_subnets?.target_subnets).toBeUndefined();
    expect((resource(json, "aws_lambda_function", "lambda_api_function").vpc_config as { subnet_ids: unknown }).subnet_ids).toBe("${data.aws_subnets.private_subnets.ids}");
  });

  it("keeps a settings value in the message as text, never as an interpolation", async () => {
    const { json } = await synthesize(specYaml({ compute: { port: 8080 }, lambda: { functions: [{ name: "api", image: "api" }] } }), defaultSettings({ privateSubnetTag: "tier=${var.x}%{if}" }));
    for (const lookup of ["private_subnets", "target_subnets"]) {
      const subnets = json.data?.aws_subnets?.[lookup] as { tags: Record<string, string>; lifecycle: { postcondition: Array<{ error_message: string }> } };
      expect(subnets.lifecycle.postcondition[0]!.error_message).toContain("tagged tier=$${var.x}%%{if} ");
      expect(subnets.tags).toEqual({ tier: "$${var.x}%%{if}" });
    }
  });
});

// No AWS provider runs offline: the subnets lookup is stood in by the built-in data source
// terraform_remote_state, read at plan from a local state whose output `ids` is the list the
// lookup would find; it carries the synthesized postcondition (self.ids -> self.outputs.ids) and
// message (the ALB's VPC id -> a variable).
describe("the private subnets postcondition (real terraform, the lookup stood in by a built-in data source)", () => {
  const work = mkdtempSync(join(tmpdir(), "subnets-postcondition-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const env = { ...process.env, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" };
  const plan = (ids: string[]) => {
    const state = { version: 4, terraform_version: "1.11.0", serial: 1, lineage: "stand-in", outputs: { ids: { value: ids, type: ["list", "string"] } }, resources: [] };
    writeFileSync(join(work, "subnets.tfstate"), JSON.stringify(state));
    const run = spawnSync("terraform", ["plan", "-input=false", "-no-color"], { cwd: work, encoding: "utf8", env });
    return { code: run.status, output: `${run.stdout}${run.stderr}`.replace(/[│\s]+/g, " ") };
  };

  it("fails the plan with the message when no subnet is found, and passes with one", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions: [{ name: "api", image: "api" }] } }));
    const [check] = (json.data?.aws_subnets?.private_subnets as { lifecycle: { postcondition: Array<{ condition: string; error_message: string }> } }).lifecycle.postcondition;
    const standIn = (text: string) => text.replace(/self\.ids/g, "self.outputs.ids").replace(/data\.aws_lb\.shared_alb\.vpc_id/g, "var.vpc_id");
    writeFileSync(
      join(work, "main.tf.json"),
      JSON.stringify({
        variable: { vpc_id: { type: "string", default: "vpc-0abc" } },
        data: {
          terraform_remote_state: {
            private_subnets: {
              backend: "local",
              config: { path: "subnets.tfstate" },
              lifecycle: { postcondition: [{ condition: standIn(check!.condition), error_message: standIn(check!.error_message) }] },
            },
          },
        },
        output: { subnet_count: { value: "${length(data.terraform_remote_state.private_subnets.outputs.ids)}" } },
      }),
    );
    execFileSync("terraform", ["init", "-input=false", "-no-color"], { cwd: work, env, stdio: "pipe" });
    const none = plan([]);
    expect(none.code).toBe(1);
    expect(none.output).toContain("No private subnet found: the stack needs at least 1 subnet tagged network=private in the VPC of the shared load balancer product-external-alb (vpc-0abc).");
    const one = plan(["subnet-1"]);
    expect(one.code, one.output).toBe(0);
  });
});
