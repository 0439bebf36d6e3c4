// A Cloud Map service for ECS tasks: one A record per healthy task (multivalue answers), with health
// reported by ECS itself (a custom health check), as AWS recommends for ECS service discovery.
import { ServiceDiscoveryService } from "../../../providers/aws/service-discovery-service.js";
import type { TerraformStack } from "../../../providers/cdktf.js";

export interface DiscoveryServiceArgs {
  /** A DNS label: the tasks resolve as `<name>.<namespace>`. */
  name: string;
  namespaceId: string;
  ttlSeconds: number;
  description: string;
}

export function discoveryService(scope: TerraformStack, id: string, args: DiscoveryServiceArgs): ServiceDiscoveryService {
  return new ServiceDiscoveryService(scope, id, {
    name: args.name,
    description: args.description,
    dnsConfig: {
      namespaceId: args.namespaceId,
      // awsvpc tasks each have their own IP: A records, all healthy ones in every answer.
      routingPolicy: "MULTIVALUE",
      dnsRecords: [{ type: "A", ttl: args.ttlSeconds }],
    },
    // AWS now always uses 1 (the provider marks the field deprecated); left out, the provider drops
    // the block and ECS health would no longer reach Cloud Map.
    healthCheckCustomConfig: { failureThreshold: 1 },
    // Instances are registered by ECS, not Terraform; without this, a destroy that races ECS's
    // deregistration fails with "service has instances".
    forceDestroy: true,
  });
}
