// `serviceDiscovery`: a Cloud Map private DNS namespace and service the ECS service registers in.
import { defineCapability } from "../shared/definition.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    SERVICE_DISCOVERY_NAME: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    cloudMapService: true;
    dnsLabel: true;
  }
}

export const serviceDiscovery = defineCapability({
  section: "serviceDiscovery",
  phase: "infrastructure",
  summary: "Cloud Map private DNS namespace and service; the ECS service registers its tasks in it",
  requires: [{ anyOf: ["compute"], because: "the ECS service is what registers in the Cloud Map namespace" }],
  environment: {
    SERVICE_DISCOVERY_NAME: {
      capability: "serviceDiscovery",
      description: "DNS name under which the ECS service's tasks are registered in Cloud Map: <service>.<spec.serviceDiscovery.namespace>.",
      audience: "workloads",
    },
  },
  claims: (discovery, claims) => claims.claim("Cloud Map namespace", discovery.namespace, ["spec", "serviceDiscovery", "namespace"]),
  nameLimits: { cloudMapService: 127, dnsLabel: 63 },
  starter: (name) => ["  # A Cloud Map private DNS namespace for the service.", "  serviceDiscovery:", `    namespace: ${name}.local`],
  load: () => import("./provision.js"),
});
