// `spec.serviceDiscovery`: a Cloud Map private DNS namespace in which the ECS service registers.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

export const ServiceDiscovery = Type.Object(
  {
    namespace: Type.String({
      maxLength: 253,
      pattern: "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$",
      description:
        "Private DNS namespace: a lowercase DNS name of two or more labels, e.g. internal.local. Unique per VPC: two stacks cannot share one.",
    }),
    ttl: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 86400,
        default: 10,
        description: "Seconds resolvers may cache the service's A records. Short, so replaced tasks drop out of answers quickly.",
      }),
    ),
  },
  { ...strict, description: "Cloud Map private DNS namespace and service (multivalue A records, 10 s TTL by default); the ECS service registers its tasks in it." },
);
export type ServiceDiscovery = Static<typeof ServiceDiscovery>;

/** `spec.serviceDiscovery` with every default applied. */
export type ServiceDiscoveryConfig = Resolved<ServiceDiscovery>;

declare module "./index.js" {
  interface SectionConfigs {
    serviceDiscovery: ServiceDiscoveryConfig;
  }
}
