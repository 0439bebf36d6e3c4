// Issue 15 item 9: a request sent to the shared ALB's own DNS name with a forged Host header skips
// Cloudflare and its Access check; the task's Access proxy refuses it. Envoy cannot run here: its
// configuration is checked as data (what it admits, from which header, against which keys).
import { describe, expect, it } from "vitest";
import { load, resource, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const spec = (port = 8080) => specYaml({ compute: { port, healthCheck: { path: "/healthz" } } }, "orders");
type Container = { name: string; image: string; essential: boolean; command?: string[]; portMappings: Array<{ containerPort: number }> };
const containers = (json: TerraformJson) => JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Container[];

describe("Cloudflare Access cannot be bypassed through the ALB's own name", () => {
  it("runs an essential Access proxy beside the container, and the ALB forwards requests only to the proxy", async () => {
    const { json } = await synthesize(spec());
    const [app, proxy] = containers(json);
    expect(app!.name).toBe("orders");
    expect(proxy).toMatchObject({ name: "access-proxy", image: "envoyproxy/envoy:v1.34.1", essential: true, portMappings: [{ containerPort: 10000, protocol: "tcp" }] });
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").load_balancer).toEqual([
      { container_name: "access-proxy", container_port: 10000, target_group_arn: "${aws_lb_target_group.networking_target_group.arn}" },
    ]);
    expect(resource(json, "aws_lb_target_group", "networking_target_group")).toMatchObject({ port: 10000, health_check: { port: "8080", path: "/healthz" } });
  });

  it("admits a request only with a Cf-Access-Jwt-Assertion signed by the account's Access keys for this application, on every path", async () => {
    const { json } = await synthesize(spec());
    const proxy = containers(json)[1]!;
    expect(proxy.command!.slice(0, 2)).toEqual(["envoy", "--config-yaml"]);
    const config = JSON.parse(proxy.command![2]!);
    const manager = config.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
    expect(config.static_resources.listeners[0].address.socket_address).toEqual({ address: "0.0.0.0", port_value: 10000 });
    const [jwt, router] = manager.http_filters;
    expect(router.name).toBe("envoy.filters.http.router");
    expect(jwt.name).toBe("envoy.filters.http.jwt_authn");
    const team = "${data.cloudflare_zero_trust_organization.cloudflare_access_organization.auth_domain}";
    expect(jwt.typed_config.providers.cloudflare_access).toEqual({
      issuer: `https://${team}`,
      audiences: ["${cloudflare_zero_trust_access_application.networking_access_application.aud}"],
      from_headers: [{ name: "Cf-Access-Jwt-Assertion" }],
      forward: true,
      remote_jwks: { http_uri: { uri: `https://${team}/cdn-cgi/access/certs`, cluster: "cloudflare_access", timeout: "5s" }, cache_duration: "300s" },
    });
    // One rule, for every path: nothing reaches the container without a valid token.
    expect(jwt.typed_config.rules).toEqual([{ match: { prefix: "/" }, requires: { provider_name: "cloudflare_access" } }]);
    const clusters = Object.fromEntries(config.static_resources.clusters.map((c: { name: string }) => [c.name, c]));
    expect(clusters.service.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: "127.0.0.1", port_value: 8080 });
    expect(clusters.cloudflare_access.transport_socket.typed_config.sni).toBe(team);
    expect(json.data?.cloudflare_zero_trust_organization?.cloudflare_access_organization).toEqual({ account_id: "${data.cloudflare_zone.cloudflare_zone.account.id}" });
  });

  it("refuses a spec whose container would take the proxy's port", () => {
    const errors = load(spec(10000)).diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.path, d.message])).toEqual([["spec.compute.port", "port 10000 is taken by the task's Cloudflare Access proxy, which shares the container's network"]]);
  });
});
