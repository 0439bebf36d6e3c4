// The environment variables the engine injects into workloads (containers and functions): their
// shape and audiences. Each name is declared once, with its meaning, in the definition of the unit
// that sets it; the registry collects them (INJECTED_ENVIRONMENT) for the docs and the spec checks.

export interface InjectedVariable {
  /** The capability that sets it. */
  capability: string;
  description: string;
  /** Who receives it: containers, every function (the webhook included), only the webhook, or all. */
  audience: EnvironmentAudience;
}

export type EnvironmentAudience = "containers" | "functions" | "webhook" | "all";
/** The workloads that read an environment: ECS containers, the stack's functions, the webhook function. */
export type WorkloadKind = "containers" | "functions" | "webhook";

/** Which declared audiences a workload receives: the webhook is a function, so it gets theirs too. */
export const AUDIENCES_OF: Record<WorkloadKind, readonly EnvironmentAudience[]> = {
  containers: ["all", "containers"],
  functions: ["all", "functions"],
  webhook: ["all", "functions", "webhook"],
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
