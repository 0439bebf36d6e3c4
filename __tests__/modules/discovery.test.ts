import { describe, expect, it } from "vitest";
import { discoveryService } from "../../src/modules/discovery/discovery-service.js";
import { privateDnsNamespace } from "../../src/modules/discovery/private-dns-namespace.js";
import { synthModule } from "../helpers/module.js";
import { resource } from "../helpers/spec.js";

describe("privateDnsNamespace module", () => {
  it("creates the namespace with the given name in the given VPC", () => {
    const json = synthModule((scope) => privateDnsNamespace(scope, "ns", { name: "agents.local", vpcId: "vpc-1", description: "d" }));
    expect(resource(json, "aws_service_discovery_private_dns_namespace", "ns")).toEqual({ name: "agents.local", vpc: "vpc-1", description: "d" });
  });
});

describe("discoveryService module", () => {
  const service = (ttlSeconds: number) =>
    resource(
      synthModule((scope) => discoveryService(scope, "svc", { name: "orders", namespaceId: "ns-1", ttlSeconds, description: "d" })),
      "aws_service_discovery_service",
      "svc",
    );

  it("answers with every healthy task's A record, cached for the given TTL", () => {
    expect(service(10).dns_config).toEqual({ namespace_id: "ns-1", routing_policy: "MULTIVALUE", dns_records: [{ type: "A", ttl: 10 }] });
    expect((service(0).dns_config as { dns_records: Array<{ ttl: number }> }).dns_records[0]!.ttl).toBe(0);
  });

  it("takes health from ECS (custom health check), not from Route 53 checks", () => {
    const body = service(10);
    expect(body.health_check_custom_config).toEqual({ failure_threshold: 1 });
    expect(body).not.toHaveProperty("health_check_config");
  });
});
