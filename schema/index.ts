// The root of the platform.yaml contract: apiVersion, kind, metadata and the capability sections.
import Type, { type Static, type TOptional, type TSchema } from "typebox";
import { Bucket } from "./bucket.js";
import { Cache } from "./cache.js";
import { Compute } from "./compute.js";
import { Database } from "./database.js";
import { Lambda, LambdaFunction } from "./lambda.js";
import { Metadata } from "./metadata.js";
import { Overrides } from "./overrides.js";
import { Queue } from "./queue.js";
import { Secrets } from "./secrets.js";
import { ServiceDiscovery } from "./service-discovery.js";
import { SERVICE_NAME_PATTERN, strict } from "./shared.js";
import { Storage } from "./storage.js";
import { Triggers } from "./triggers.js";

export const API_VERSION = "platform.althq.com/v1";
export const KIND = "Service";
export const SCHEMA_ID = "https://platform.althq.com/schema/platform-spec-v1.json";

/**
 * Each section's resolved configuration type (every default applied), by section name: each
 * section's module adds its own (`declare module "./index.js" { interface SectionConfigs { ... } }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SectionConfigs {}

/**
 * The sections of `spec`, in the order they are documented and reported: one line each. Every
 * list of sections is derived from this one (SECTION_ORDER here; the capability registry,
 * src/engine/registry.ts, must have a definition for each, or it does not compile).
 */
const SECTIONS = {
  compute: Compute,
  storage: Storage,
  cache: Cache,
  database: Database,
  queue: Queue,
  bucket: Bucket,
  serviceDiscovery: ServiceDiscovery,
  lambda: Lambda,
  triggers: Triggers,
  secrets: Secrets,
};

type OptionalAll<T extends Record<string, TSchema>> = { [K in keyof T]: TOptional<T[K]> };
const optionalAll = <T extends Record<string, TSchema>>(sections: T): OptionalAll<T> =>
  Object.fromEntries(Object.entries(sections).map(([name, schema]) => [name, Type.Optional(schema)])) as OptionalAll<T>;

export const Spec = Type.Object(
  optionalAll(SECTIONS),
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
    overrides: Type.Optional(Overrides),
    environments: Type.Optional(
      Type.Record(
        Type.String({ pattern: SERVICE_NAME_PATTERN }),
        Type.Object(
          {},
          {
            additionalProperties: true,
            description:
              "Overlay of `spec` for this environment: mappings merge deeply, scalars replace, lists replace (lists of named items such as `lambda.functions` merge by `name`), `null` removes a field. It may also hold `overrides:` (patches as at the top level), merged with the top-level patches by resource address: `set` paths by path (the environment's value wins, `null` takes a top-level path back), `remove` and `allowPolicies` added, the environment's `reason` (optional for an address the top level patches) appended to the top-level one. The merged spec is checked like any spec.",
          },
        ),
        {
          additionalProperties: false,
          description:
            "Environments (dev, staging, prod...): each is its own stack `<name>-<env>` with its own state, AWS names and DNS host, built from `spec` merged with the environment's overlay. Names follow the service-name rule, 12 characters at most. Absent: the spec is one stack named after the service, as before environments existed.",
        },
      ),
    ),
  },
  {
    ...strict,
    $id: SCHEMA_ID,
    title: "Platform service specification (platform.yaml)",
    description: "One service: the infrastructure it needs, provisioned as one Terraform stack.",
  },
);
export type PlatformSpec = Static<typeof PlatformSpec>;

export type SectionName = keyof Spec & keyof SectionConfigs;
/** Sections in the order the contract lists them; a config's `declaredSections` follows it, never the file's order. */
export const SECTION_ORDER = Object.keys(SECTIONS) as SectionName[];
export { Metadata, Overrides };
