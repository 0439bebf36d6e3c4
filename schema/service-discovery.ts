// `spec.serviceDiscovery`: a Cloud Map private DNS namespace in which the ECS service registers.
import Type, { type Static } from "typebox";
import { strict } from "./shared.js";

export const ServiceDiscovery = Type.Object(
  {
    namespace: Type.String({
      maxLength: 253,
      pattern: "^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$",
      description:
        "Private DNS namespace: a lowercase DNS name of two or more labels, e.g. internal.local. Unique per VPC: two stacks cannot share one.",
    }),
  },
  { ...strict, description: "Cloud Map private DNS namespace and service (10 s TTL, multivalue answers); the ECS service registers in it." },
);
export type ServiceDiscovery = Static<typeof ServiceDiscovery>;
