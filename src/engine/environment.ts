// The environment variables the engine injects into workloads (containers and functions). Every
// name is declared here once, with its meaning, so docs and the spec checks read the same table.

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

export const INJECTED_ENVIRONMENT = {
  PLATFORM_SERVICE_NAME: { capability: "engine", description: "The service's name (metadata.name).", audience: "all" },
  CF_ACCESS_AUD: {
    capability: "compute",
    description: "Audience tag of the service's Cloudflare Access application; verify the Cf-Access-Jwt-Assertion header against it.",
    audience: "containers",
  },
  PLATFORM_SECRETS_PATH: {
    capability: "secrets",
    description:
      "SSM path of the declared secrets, `/<service>/`: read each as the SecureString `<path><NAME>` (GetParameters with decryption). Set only when spec.secrets lists any.",
    audience: "functions",
  },
  PLATFORM_SECRET_NAMES: {
    capability: "secrets",
    description: "Comma-separated names of the declared secrets (spec.secrets order); the function may read exactly these parameters. Never values.",
    audience: "functions",
  },
  PLATFORM_EVENT_BUS_NAME: {
    capability: "triggers",
    description: "Name of the stack's EventBridge event bus; the webhook function publishes the events it accepts there (PutEvents).",
    audience: "webhook",
  },
} satisfies Record<string, InjectedVariable>;

export type InjectedName = keyof typeof INJECTED_ENVIRONMENT;

export const INJECTED_NAMES: ReadonlySet<string> = new Set(Object.keys(INJECTED_ENVIRONMENT));
