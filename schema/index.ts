// The root of the platform.yaml contract: apiVersion, kind, metadata and the capability sections.
import Type, { type Static } from "typebox";
import { Cache } from "./cache.js";
import { Compute } from "./compute.js";
import { Database } from "./database.js";
import { Lambda, LambdaFunction } from "./lambda.js";
import { Metadata } from "./metadata.js";
import { Secrets } from "./secrets.js";
import { ServiceDiscovery } from "./service-discovery.js";
import { strict } from "./shared.js";
import { Storage } from "./storage.js";
import { Triggers } from "./triggers.js";

export const API_VERSION = "platform.althq.com/v1";
export const KIND = "Service";
export const SCHEMA_ID = "https://platform.althq.com/schema/platform-spec-v1.json";

/** The sections of `spec`, in the order they are documented and reported. */
export const Spec = Type.Object(
  {
    compute: Type.Optional(Compute),
    storage: Type.Optional(Storage),
    cache: Type.Optional(Cache),
    database: Type.Optional(Database),
    serviceDiscovery: Type.Optional(ServiceDiscovery),
    lambda: Type.Optional(Lambda),
    triggers: Type.Optional(Triggers),
    secrets: Type.Optional(Secrets),
  },
  {
    ...strict,
    description: "What the service needs. Every section is optional; unknown sections are errors (a typo must not pass silently).",
  },
);
export type Spec = Static<typeof Spec>;

export const PlatformSpec = Type.Object(
  {
    apiVersion: Type.Literal(API_VERSION, { description: "Version of this contract." }),
    kind: Type.Literal(KIND, { description: "Always `Service`: anything the engine provisions is a service." }),
    metadata: Metadata,
    spec: Spec,
  },
  {
    ...strict,
    $id: SCHEMA_ID,
    title: "Platform service specification (platform.yaml)",
    description: "One service: the infrastructure it needs, provisioned as one Terraform stack.",
  },
);
export type PlatformSpec = Static<typeof PlatformSpec>;

export type SectionName = keyof Spec;
export { Cache, Compute, Database, Lambda, LambdaFunction, Metadata, Secrets, ServiceDiscovery, Storage, Triggers };
