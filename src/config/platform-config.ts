// The typed configuration capabilities read: every default resolved, sections in a stable order.
import type { SpecPath } from "./diagnostics.js";
import type { Cache, Compute, Database, Lambda, LambdaFunction, Metadata, ServiceDiscovery, Spec, Storage } from "../../schema/index.js";
import type { EventRule, Schedule, Triggers } from "../../schema/triggers.js";

/**
 * `T` with every optional field made required, recursively, except the keys in `Keep`: the shape
 * of a section after schema defaults are applied. Fields in `Keep` have no default (for example
 * an override that means "let AWS choose" when absent).
 */
export type Resolved<T, Keep extends string = never> = {
  [K in keyof T as K extends Keep ? never : K]-?: ResolvedValue<Exclude<T[K], undefined>>;
} & { [K in keyof T as K extends Keep ? K : never]?: T[K] };
type ResolvedValue<V> = V extends ReadonlyArray<infer Item>
  ? Array<ResolvedValue<Item>>
  : V extends Record<string, unknown>
    ? string extends keyof V
      ? V
      : Resolved<V>
    : V;

export type ComputeConfig = Resolved<Compute, "listenerPriority">;
export type StorageConfig = Resolved<Storage>;
export type CacheConfig = Resolved<Cache>;
export type DatabaseConfig = Resolved<Database>;
export type ServiceDiscoveryConfig = Resolved<ServiceDiscovery>;
export type LambdaFunctionConfig = Resolved<LambdaFunction>;
export type LambdaConfig = { functions: LambdaFunctionConfig[] };
/** A schedule with its defaults; `function` or `task` names the target (a semantic rule checks one is set). */
export type ScheduleConfig = Resolved<Schedule, "function" | "task" | "input">;
/** A rule on the stack's bus; `pattern` unset means every event of the webhook gateway. */
export type EventRuleConfig = Resolved<EventRule, "pattern">;
export type TriggersConfig = {
  eventbridge?: { scheduleGroup: string; schedules: ScheduleConfig[] };
  events: EventRuleConfig[];
  webhookGateway: boolean;
  /** scheme, secret and image have no default: the semantic rules say when each is needed. */
  webhook: Resolved<NonNullable<Triggers["webhook"]>, "scheme" | "secret" | "image">;
};
export type SecretsConfig = string[];

/** Each `spec` section's resolved configuration type, by section name. */
export interface SectionConfigs {
  compute: ComputeConfig;
  storage: StorageConfig;
  cache: CacheConfig;
  database: DatabaseConfig;
  serviceDiscovery: ServiceDiscoveryConfig;
  lambda: LambdaConfig;
  triggers: TriggersConfig;
  secrets: SecretsConfig;
}
export type SectionName = keyof SectionConfigs & keyof Spec;

/** Sections in the order the contract lists them; `declaredSections` follows it, never the file's order. */
export const SECTION_ORDER: readonly SectionName[] = ["compute", "storage", "cache", "database", "serviceDiscovery", "lambda", "triggers", "secrets"];

export interface PlatformConfig {
  /** The file the spec came from, as given. */
  file: string;
  /** `metadata.name`: the stack id and the prefix of every generated name. */
  serviceName: string;
  metadata: Metadata;
  /** Resolved sections; absent ones are undefined. */
  spec: Partial<SectionConfigs>;
  /** Names of the secrets declared in `spec.secrets` (empty when none). */
  secrets: string[];
  /** The declared sections, in SECTION_ORDER. */
  declaredSections: SectionName[];
  /** `spec` exactly as written, before defaults. */
  rawSpec: Readonly<Record<string, unknown>>;
  /** Line and column of a spec path in the source file (its nearest existing ancestor if absent). */
  locate(path: SpecPath): { line: number; column: number };
}

/** The section's resolved config; throws when the section is not declared (a programming error). */
export function sectionOf<K extends SectionName>(config: PlatformConfig, section: K): SectionConfigs[K] {
  const value = config.spec[section];
  if (value === undefined) throw new Error(`section "${section}" is not declared in ${config.file}`);
  return value as SectionConfigs[K];
}
