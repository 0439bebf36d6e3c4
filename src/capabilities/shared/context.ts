// What capabilities share while a stack is built: the config, the settings, the shared-infrastructure
// lookups, a typed bag of cross-capability values, the workload wiring and the stack's outputs.
import type { PlatformConfig } from "../../config/platform-config.js";
import type { EngineSettings } from "../../settings/settings.js";
import type { SharedInfrastructure } from "../../shared/infrastructure.js";
import type { ITerraformDependable, TerraformStack } from "../../../providers/cdktf.js";
import { AUDIENCES_OF, type InjectedName, type InjectedVariable, type WorkloadKind } from "./environment.js";
import { replacementName, resourceName, type NamedResource } from "./names.js";
import type { RoleNeed, SecurityGroupNeed } from "./needs.js";
import { OutputRegistry } from "./outputs.js";

/**
 * Values capabilities hand to each other, by key. Modules that set a key declare it here through
 * declaration merging (`declare module "../shared/context.js" { interface ContextValues { ... } }`),
 * so every `get`/`require` is typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ContextValues {}
export type ContextKey = keyof ContextValues & string;

export class MissingContextValueError extends Error {}

/** The stack's shared file system as workloads mount it. */
export interface WorkloadFileSystem {
  fileSystemId: string;
  accessPointId: string;
  accessPointArn: string;
  /** Where containers and functions see it (a single folder under /mnt/). */
  mountPath: string;
  /** Resources a function must wait for before it can mount (the mount targets). */
  mountTargets: ITerraformDependable[];
}

/**
 * What the registry collects from every unit's definition and a stack is built with: the documented
 * environment variables and the AWS name limits.
 */
export interface StackCatalog {
  environment: Readonly<Record<string, InjectedVariable>>;
  nameLimits: Readonly<Record<string, number>>;
}

/** What the declared sections ask Foundation for (from their definitions). */
export interface FoundationNeeds {
  securityGroups: readonly SecurityGroupNeed[];
  roles: readonly RoleNeed[];
}

/** Environment variables, secrets and the file system every workload of the stack receives. */
export class WorkloadWiring {
  private readonly env = new Map<string, string>();
  private readonly secretRefs = new Map<string, string>();
  private mounted: WorkloadFileSystem | undefined;

  constructor(private readonly documented: StackCatalog["environment"]) {}

  /** Offers the stack's file system to every workload. */
  mountFileSystem(fileSystem: WorkloadFileSystem): void {
    if (this.mounted) throw new Error("a file system is already mounted: the flat stack has one");
    this.mounted = fileSystem;
  }

  get fileSystem(): WorkloadFileSystem | undefined {
    return this.mounted;
  }

  /** Sets a variable documented in a unit's definition (`environment`) for every workload. */
  setEnvironment(name: InjectedName, value: string): void {
    if (!(name in this.documented)) throw new Error(`environment variable ${name} is not documented in any capability definition's environment`);
    if (this.env.has(name)) throw new Error(`environment variable ${name} is set twice`);
    this.env.set(name, value);
  }

  /** A secret by name, with the ARN workloads read it from (SSM parameter or Secrets Manager key). */
  addSecret(name: string, valueFrom: string): void {
    if (this.secretRefs.has(name)) throw new Error(`secret ${name} is wired twice`);
    this.secretRefs.set(name, valueFrom);
  }

  /** Variables sorted by name, so the generated JSON is stable. */
  environment(workload: WorkloadKind): Array<[string, string]> {
    const audiences = AUDIENCES_OF[workload];
    return [...this.env]
      .filter(([name]) => audiences.includes(this.documented[name]!.audience))
      .sort(([a], [b]) => a.localeCompare(b));
  }

  secrets(): Array<[string, string]> {
    return [...this.secretRefs].sort(([a], [b]) => a.localeCompare(b));
  }
}

export class CapabilityContext {
  readonly outputs = new OutputRegistry();
  readonly workload: WorkloadWiring;
  private readonly values = new Map<string, unknown>();
  private readonly finalizers: Array<() => void> = [];

  constructor(
    readonly scope: TerraformStack,
    readonly config: PlatformConfig,
    readonly settings: EngineSettings,
    readonly infra: SharedInfrastructure,
    private readonly catalog: StackCatalog,
    /** What the declared sections ask Foundation for. */
    readonly foundationNeeds: FoundationNeeds = { securityGroups: [], roles: [] },
  ) {
    this.workload = new WorkloadWiring(catalog.environment);
    // Every workload of the stack knows its service, whichever capabilities declare workloads.
    this.workload.setEnvironment("PLATFORM_SERVICE_NAME", config.serviceName);
  }

  get serviceName(): string {
    return this.config.serviceName;
  }

  /** `<service>-<suffix...>`, fitted to the AWS name limit of `kind`. */
  name(kind: NamedResource, ...suffix: string[]): string {
    return resourceName(this.limitOf(kind), this.serviceName, ...suffix);
  }

  /** `<service, shortened>-<hash of replacing>`, fitted to the AWS name limit of `kind` (see replacementName). */
  replacementName(kind: NamedResource, ...replacing: Array<string | number>): string {
    return replacementName(this.limitOf(kind), this.serviceName, ...replacing);
  }

  private limitOf(kind: NamedResource): number {
    const limit = this.catalog.nameLimits[kind];
    if (limit === undefined) throw new Error(`no name limit for "${kind}": give it in the nameLimits of the unit that names it`);
    return limit;
  }

  set<K extends ContextKey>(key: K, value: ContextValues[K]): void {
    if (this.values.has(key)) throw new Error(`context value "${key}" is set twice`);
    this.values.set(key, value);
  }

  get<K extends ContextKey>(key: K): ContextValues[K] | undefined {
    return this.values.get(key) as ContextValues[K] | undefined;
  }

  /** The value, or an error saying which capability should have provided it. */
  require<K extends ContextKey>(key: K): ContextValues[K] {
    if (!this.values.has(key)) {
      const provider = String(key).split(".")[0];
      throw new MissingContextValueError(`"${key}" is not available: the ${provider} step did not run before the step that needs it`);
    }
    return this.values.get(key) as ContextValues[K];
  }

  /** Exports a stack output under a namespaced key such as `cache.redis.endpoint`. */
  export(key: string, value: string, description: string, options: { sensitive?: boolean } = {}): void {
    this.outputs.add(key, value, description, options.sensitive ?? false);
  }

  /** Runs `fn` after every phase, e.g. to render policies that later phases added statements to. */
  onFinalize(fn: () => void): void {
    this.finalizers.push(fn);
  }

  finalize(): void {
    for (const fn of this.finalizers.splice(0)) fn();
  }
}
