import { describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize } from "../helpers/spec.js";

const compute = (extra: Record<string, unknown> = {}) => specYaml({ compute: { port: 8080, ...extra } });

describe("networking (derived from compute)", () => {
  it("creates an IP target group on the Access proxy's port, health-checking the container port with the spec's path", async () => {
    const { json } = await synthesize(compute({ healthCheck: { path: "/ready" } }));
    expect(resource(json, "aws_lb_target_group", "networking_target_group")).toMatchObject({
      port: 10000,
      protocol: "HTTP",
      target_type: "ip",
      vpc_id: "${data.aws_lb.shared_alb.vpc_id}",
      health_check: { enabled: true, path: "/ready", protocol: "HTTP", matcher: "200", port: "8080" },
      lifecycle: { create_before_destroy: true },
    });
  });

  it("keeps the target group when the container port changes: only its health checks follow the port", async () => {
    const a = resource((await synthesize(compute())).json, "aws_lb_target_group", "networking_target_group");
    const b = resource((await synthesize(compute({ port: 9090 }))).json, "aws_lb_target_group", "networking_target_group");
    expect(b.name).toBe(a.name);
    expect((a.name as string).length).toBeLessThanOrEqual(32);
    expect([(a.health_check as { port: string }).port, (b.health_check as { port: string }).port]).toEqual(["8080", "9090"]);
  });

  it("routes <name>.<zone> on the shared HTTPS listener to the target group, letting AWS pick the priority", async () => {
    const { json } = await synthesize(compute());
    const rule = resource(json, "aws_lb_listener_rule", "networking_listener_rule");
    expect(rule).toEqual({
      listener_arn: "${data.aws_lb_listener.shared_alb_https_listener.arn}",
      action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.networking_target_group.arn}" }],
      condition: [{ host_header: { values: ["test-svc.${data.cloudflare_zone.cloudflare_zone.name}"] } }],
    });
    expect(json.data?.aws_lb_listener?.shared_alb_https_listener).toEqual({ load_balancer_arn: "${data.aws_lb.shared_alb.arn}", port: 443 });
    expect(json.data?.aws_lb?.shared_alb).toEqual({ name: "product-external-alb" });
  });

  it("pins the listener priority only when the spec sets it", async () => {
    const { json } = await synthesize(compute({ listenerPriority: 120 }));
    expect(resource(json, "aws_lb_listener_rule", "networking_listener_rule").priority).toBe(120);
  });

  it("makes the ECS service wait for the listener rule", async () => {
    const { json } = await synthesize(compute());
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").depends_on).toEqual(["aws_lb_listener_rule.networking_listener_rule"]);
  });

  it("publishes the service as a proxied Cloudflare CNAME to the shared ALB", async () => {
    const { json } = await synthesize(compute());
    expect(resource(json, "cloudflare_dns_record", "networking_dns_record")).toMatchObject({
      zone_id: "${data.cloudflare_zone.cloudflare_zone.zone_id}",
      name: "test-svc.${data.cloudflare_zone.cloudflare_zone.name}",
      type: "CNAME",
      content: "${data.aws_lb.shared_alb.dns_name}",
      proxied: true,
      ttl: 1,
    });
  });

  it("guards the host with an account-level self-hosted Access application using the reusable policy", async () => {
    const { json } = await synthesize(compute());
    expect(resource(json, "cloudflare_zero_trust_access_application", "networking_access_application")).toEqual({
      account_id: "${data.cloudflare_zone.cloudflare_zone.account.id}",
      type: "self_hosted",
      name: "test-svc",
      domain: "test-svc.${data.cloudflare_zone.cloudflare_zone.name}",
      policies: [{ id: "${data.aws_ssm_parameter.cloudflare_access_policy_id.value}", precedence: 1 }],
    });
  });

  it("gives the container the Access audience so it can verify Cf-Access-Jwt-Assertion", async () => {
    const { json } = await synthesize(compute());
    const [container] = JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string);
    expect(container.environment).toContainEqual({ name: "CF_ACCESS_AUD", value: "${cloudflare_zero_trust_access_application.networking_access_application.aud}" });
  });

  it("reads the Cloudflare token ephemerally, never through a data source that would keep it in state", async () => {
    const { json } = await synthesize(compute());
    expect(json.provider?.cloudflare).toEqual([{ api_token: "${ephemeral.aws_ssm_parameter.cloudflare_api_token.value}" }]);
    expect(json.ephemeral?.aws_ssm_parameter?.cloudflare_api_token).toMatchObject({ with_decryption: true, arn: expect.stringMatching(/:parameter\/cloudflare\/platform_infra_token$/) });
    const parameters = Object.values(json.data?.aws_ssm_parameter ?? {}).map((p) => p.name);
    expect(parameters).not.toContain("/cloudflare/platform_infra_token");
  });
});
