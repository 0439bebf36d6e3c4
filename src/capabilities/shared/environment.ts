// The environment variables the engine injects into workloads (containers and functions): their
// shape and audiences. Each name is declared once, with its meaning, in the definition of the unit
// that sets it; the registry collects them (INJECTED_ENVIRONMENT) for the docs and the spec checks.

export interface InjectedVariable {
  /** The capability that sets it. */
  capability: string;
  description: string;
  /** Who receives it. */
  audience: EnvironmentAudience;
}

/** The workloads that read an environment: ECS containers, the stack's functions, the webhook function. */
export type WorkloadKind = "containers" | "functions" | "webhook";
/**
 * `workloads`: containers and the stack's functions. `all`: those and the webhook function, which
 * gets only what its job needs (checking signatures, publishing events), not the data services.
 */
export type EnvironmentAudience = "all" | "workloads" | "containers" | "functions" | "webhook";

/** Which declared audiences each workload receives. */
export const AUDIENCES_OF: Record<WorkloadKind, readonly EnvironmentAudience[]> = {
  containers: ["all", "workloads", "containers"],
  functions: ["all", "workloads", "functions"],
  webhook: ["all", "webhook"],
};

/** How docs/spec.md says who receives a variable. */
export const AUDIENCE_TEXT: Record<EnvironmentAudience, string> = {
  all: "containers, functions and the webhook",
  workloads: "containers and functions",
  containers: "containers",
  functions: "functions",
  webhook: "the webhook",
};

/**
 * Names of the variables the engine injects. Each unit adds the names it sets through declaration
 * merging in its definition.ts (`declare module "../shared/environment.js" { interface
 * InjectedVariables { REDIS_HOST: true } }`) and documents them in its definition's `environment`.
 */
export interface InjectedVariables {
  PLATFORM_SERVICE_NAME: true;
}
export type InjectedName = keyof InjectedVariables & string;

/** Variables every workload receives whatever is declared (the registry adds each unit's own). */
export const ENGINE_ENVIRONMENT = {
  PLATFORM_SERVICE_NAME: { capability: "engine", description: "The service's name (metadata.name).", audience: "all" },
} satisfies Partial<Record<InjectedName, InjectedVariable>>;
