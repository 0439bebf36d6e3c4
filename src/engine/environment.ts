// The environment variables the engine injects into workloads (containers and functions). Every
// name is declared here once, with its meaning, so docs and the spec checks read the same table.

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
export type EnvironmentAudience = "all" | "workloads" | "containers" | "functions" | "webhook" | "functions-and-webhook";

/** Which declared audiences each workload receives. */
export const AUDIENCES_OF: Record<WorkloadKind, readonly EnvironmentAudience[]> = {
  containers: ["all", "workloads", "containers"],
  functions: ["all", "workloads", "functions", "functions-and-webhook"],
  webhook: ["all", "webhook", "functions-and-webhook"],
};

/** How docs/spec.md says who receives a variable. */
export const AUDIENCE_TEXT: Record<EnvironmentAudience, string> = {
  all: "containers, functions and the webhook",
  workloads: "containers and functions",
  containers: "containers",
  functions: "functions",
  webhook: "the webhook",
  "functions-and-webhook": "functions and the webhook",
};

export const INJECTED_ENVIRONMENT = {
  PLATFORM_SERVICE_NAME: { capability: "engine", description: "The service's name (metadata.name).", audience: "all" },
  CF_ACCESS_AUD: {
    capability: "compute",
    description:
      "Audience tag of the service's Cloudflare Access application. The task's Access proxy already admits only requests whose Cf-Access-Jwt-Assertion is valid for it; a container may check the header again (defense in depth) or read the user's identity from it.",
    audience: "containers",
  },
  STORAGE_MOUNT_PATH: {
    capability: "storage",
    description: "Where the stack's EFS file system is mounted (spec.storage.mountPath), through its access point.",
    audience: "workloads",
  },
  REDIS_HOST: { capability: "cache", description: "Primary endpoint of the Redis replication group (reads and writes).", audience: "workloads" },
  REDIS_PORT: { capability: "cache", description: "Port of the Redis replication group.", audience: "workloads" },
  REDIS_TLS: {
    capability: "cache",
    description: "`true` when Redis accepts TLS connections only (spec.cache.transitEncryption): connect with rediss:// or the client's TLS option.",
    audience: "workloads",
  },
  DATABASE_HOST: { capability: "database", description: "Address of the PostgreSQL instance. Connections must use TLS (rds.force_ssl).", audience: "workloads" },
  DATABASE_PORT: { capability: "database", description: "Port of the PostgreSQL instance.", audience: "workloads" },
  DATABASE_NAME: { capability: "database", description: "Name of the database created with the instance (spec.database.dbName).", audience: "workloads" },
  DATABASE_USER: { capability: "database", description: "Master user name (spec.database.dbUsername).", audience: "workloads" },
  DATABASE_PASSWORD: {
    capability: "database",
    description:
      "Master password, injected by ECS as a secret from the RDS-managed Secrets Manager secret when the container starts. RDS rotates it: restart tasks (or read DATABASE_SECRET_ARN) after a rotation.",
    audience: "containers",
  },
  DATABASE_SECRET_ARN: {
    capability: "database",
    description: "ARN of the RDS-managed Secrets Manager secret (JSON with `username` and `password`); functions read it at run time, since Lambda has no secret injection.",
    audience: "functions",
  },
  SERVICE_DISCOVERY_NAME: {
    capability: "serviceDiscovery",
    description: "DNS name under which the ECS service's tasks are registered in Cloud Map: <service>.<spec.serviceDiscovery.namespace>.",
    audience: "workloads",
  },
  PLATFORM_SECRETS_PATH: {
    capability: "secrets",
    description:
      "SSM path of the declared secrets, `/<service>/`: read each as the SecureString `<path><NAME>` (GetParameters with decryption). Set only when spec.secrets lists any (for the webhook, any named WEBHOOK_*).",
    audience: "functions-and-webhook",
  },
  PLATFORM_SECRET_NAMES: {
    capability: "secrets",
    description:
      "Comma-separated names of the declared secrets (spec.secrets order); read each as `<PLATFORM_SECRETS_PATH><NAME>`. Never values. The webhook function gets, and may read, only those named WEBHOOK_* (its signing keys). Counts toward Lambda's 4 KB of variables, which validation checks.",
    audience: "functions-and-webhook",
  },
  PLATFORM_EVENT_BUS_NAME: {
    capability: "triggers",
    description: "Name of the stack's EventBridge event bus; the webhook function publishes the events it accepts there (PutEvents).",
    audience: "webhook",
  },
} satisfies Record<string, InjectedVariable>;

export type InjectedName = keyof typeof INJECTED_ENVIRONMENT;

export const INJECTED_NAMES: ReadonlySet<string> = new Set(Object.keys(INJECTED_ENVIRONMENT));
