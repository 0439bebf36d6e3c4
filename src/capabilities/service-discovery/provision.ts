// `serviceDiscovery`: a Cloud Map private DNS namespace in the stack's VPC and a service in it; the
// ECS service (compute phase) registers its tasks there, so other workloads in the VPC resolve them.
import type { CapabilityContext } from "../shared/context.js";
import type { ServiceDiscoveryConfig } from "../../../schema/service-discovery.js";
import { sectionOf } from "../../config/platform-config.js";
import type { SecurityGroupRole } from "../shared/needs.js";
import { egressToGroup, ingressFromGroup } from "../../modules/networking/security-group.js";
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
  openDiscoveryPaths(ctx);

  ctx.export("serviceDiscovery.namespace_id", namespace.id, "Id of the Cloud Map private DNS namespace.");
  ctx.export("serviceDiscovery.namespace_arn", namespace.arn, "ARN of the Cloud Map private DNS namespace.");
  ctx.export("serviceDiscovery.service_arn", service.arn, "ARN of the Cloud Map service the ECS tasks register in.");
  ctx.export("serviceDiscovery.service_name", dnsName, "DNS name the ECS service's tasks resolve under inside the VPC.");
}

/**
 * SERVICE_DISCOVERY_NAME promises the stack's tasks and functions a way to the tasks registered
 * under it: each may open TCP to the container port, and the tasks admit them there. Nothing else
 * is opened (the ALB reaches the tasks through the Access proxy; see networking).
 */
function openDiscoveryPaths(ctx: CapabilityContext): void {
  const { scope } = ctx;
  const groups = ctx.require("foundation.securityGroups");
  const port = sectionOf(ctx.config, "compute").port;
  const tasks = groups.get("compute");
  const callers: Array<[SecurityGroupRole, string]> = [["compute", "the service's own tasks"]];
  if (groups.has("lambda")) callers.push(["lambda", "the stack's functions"]);
  for (const [role, who] of callers) {
    ingressFromGroup(scope, `compute_ingress_discovery_from_${role}`, tasks, groups.get(role), {
      port,
      description: `Container port from ${who}, found through service discovery`,
    });
    egressToGroup(scope, `${role}_egress_discovery_to_compute`, groups.get(role), tasks, {
      port,
      description: "Container port of the service's tasks, found through service discovery",
    });
  }
}
