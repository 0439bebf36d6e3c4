// The capability registry: the list of the units' definitions (src/capabilities/<section>/
// definition.ts). Everything the engine lists per section is derived from it here: which sections
// have a capability, the derived steps, the documented environment variables, the AWS name limits,
// the stateful resource types. A new section is one line in CAPABILITIES.
import type { SectionName } from "../config/platform-config.js";
import { bucket } from "../capabilities/bucket/definition.js";
import { cache } from "../capabilities/cache/definition.js";
import { compute } from "../capabilities/compute/definition.js";
import { database } from "../capabilities/database/definition.js";
import { lambda } from "../capabilities/lambda/definition.js";
import { queue } from "../capabilities/queue/definition.js";
import { secrets } from "../capabilities/secrets/definition.js";
import { serviceDiscovery } from "../capabilities/service-discovery/definition.js";
import type { StackCatalog } from "../capabilities/shared/context.js";
import type { CapabilityDefinition, DerivedStep, StatefulType } from "../capabilities/shared/definition.js";
import { ENGINE_ENVIRONMENT, type InjectedName, type InjectedVariable } from "../capabilities/shared/environment.js";
import { SHARED_NAME_LIMITS, type NamedResource } from "../capabilities/shared/names.js";
import { SHARED_STATEFUL_TYPES } from "../capabilities/shared/stateful.js";
import { storage } from "../capabilities/storage/definition.js";
import { triggers } from "../capabilities/triggers/definition.js";

/** Every capability, keyed by its section: a section of the schema without one does not compile. */
export const CAPABILITIES: { [K in SectionName]: CapabilityDefinition<K> } = {
  compute,
  storage,
  cache,
  database,
  queue,
  bucket,
  serviceDiscovery,
  lambda,
  triggers,
  secrets,
};

/** The definitions, in registry order. */
export const CAPABILITY_LIST: readonly CapabilityDefinition[] = Object.values(CAPABILITIES) as CapabilityDefinition[];

/** The step every stack runs first: the security groups and IAM roles the declared sections ask for. */
export const FOUNDATION_STEP: DerivedStep = {
  name: "foundation",
  phase: "foundation",
  summary: "security groups and IAM roles for the declared sections",
  // Always runs; it creates only what the declared sections ask for (possibly nothing).
  appliesTo: () => true,
  ownsFinalizers: true,
  load: () => import("../capabilities/shared/foundation.js"),
};

/** Steps no section names: Foundation, then those the definitions bring (compute's networking). */
export const DERIVED_STEPS: readonly DerivedStep[] = [FOUNDATION_STEP, ...CAPABILITY_LIST.flatMap((definition) => definition.derivedSteps ?? [])];

export function capabilityOf<K extends SectionName>(section: K): CapabilityDefinition<K> | undefined {
  return (CAPABILITIES as Partial<Record<SectionName, CapabilityDefinition>>)[section] as CapabilityDefinition<K> | undefined;
}

function collect<T>(pick: (definition: CapabilityDefinition) => Readonly<Record<string, T>> | undefined, base: Readonly<Record<string, T>>, what: string): Readonly<Record<string, T>> {
  const table: Record<string, T> = { ...base };
  for (const definition of CAPABILITY_LIST) {
    for (const [key, value] of Object.entries(pick(definition) ?? {})) {
      if (key in table) throw new Error(`${what} ${key} is declared twice (again by ${definition.section})`);
      table[key] = value;
    }
  }
  return table;
}

/** Every variable the engine injects into workloads, with its meaning (docs/spec.md lists them). */
export const INJECTED_ENVIRONMENT = collect<InjectedVariable>((d) => d.environment as Record<string, InjectedVariable>, ENGINE_ENVIRONMENT, "environment variable") as Readonly<Record<InjectedName, InjectedVariable>>;
export const INJECTED_NAMES: ReadonlySet<string> = new Set(Object.keys(INJECTED_ENVIRONMENT));

/** Name length limits of the AWS resources the engine names. */
export const AWS_NAME_LIMITS = collect<number>((d) => d.nameLimits as Record<string, number>, SHARED_NAME_LIMITS, "name limit") as Readonly<Record<NamedResource, number>>;

/** Resource types whose replacement loses data, with their replacement-forcing attributes (diff, create, destroy). */
export const STATEFUL_TYPES: Readonly<Record<string, StatefulType>> = collect<StatefulType>((d) => d.statefulTypes, SHARED_STATEFUL_TYPES, "stateful type");

/** What every stack is built with. */
export const STACK_CATALOG: StackCatalog = { environment: INJECTED_ENVIRONMENT, nameLimits: AWS_NAME_LIMITS };
