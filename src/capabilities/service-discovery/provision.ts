// `serviceDiscovery`: a Cloud Map private DNS namespace in the stack's VPC and a service in it; the
// ECS service (compute phase) registers its tasks there, so other workloads in the VPC resolve them.
import type { CapabilityContext } from "../shared/context.js";
import type { ServiceDiscoveryConfig } from "../../../schema/service-discovery.js";
import { discoveryService } from "../../modules/discovery/discovery-service.js";
import { privateDnsNamespace } from "../../modules/discovery/private-dns-namespace.js";

declare module "../shared/context.js" {
  interface ContextValues {
    /** ARN of the Cloud Map service the ECS service registers its tasks in. */
    "serviceDiscovery.registryArn": string;
  }
}

export function provision(discovery: ServiceDiscoveryConfig, ctx: CapabilityContext): void {
  const { scope, infra, serviceName, workload } = ctx;
  const namespace = privateDnsNamespace(scope, "service_discovery_namespace", {
    name: discovery.namespace,
    vpcId: infra.vpcId,
    description: `Private DNS namespace of ${serviceName}`,
  });
  const serviceLabel = ctx.name("dnsLabel");
  const service = discoveryService(scope, "service_discovery_service", {
    name: serviceLabel,
    namespaceId: namespace.id,
    ttlSeconds: discovery.ttl,
    description: `Tasks of the ECS service ${serviceName}`,
  });
  const dnsName = `${serviceLabel}.${discovery.namespace}`;

  ctx.set("serviceDiscovery.registryArn", service.arn);
  workload.setEnvironment("SERVICE_DISCOVERY_NAME", dnsName);

  ctx.export("serviceDiscovery.namespace_id", namespace.id, "Id of the Cloud Map private DNS namespace.");
  ctx.export("serviceDiscovery.namespace_arn", namespace.arn, "ARN of the Cloud Map private DNS namespace.");
  ctx.export("serviceDiscovery.service_arn", service.arn, "ARN of the Cloud Map service the ECS tasks register in.");
  ctx.export("serviceDiscovery.service_name", dnsName, "DNS name the ECS service's tasks resolve under inside the VPC.");
}
