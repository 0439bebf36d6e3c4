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
  STORAGE_MOUNT_PATH: {
    capability: "storage",
    description: "Where the stack's EFS file system is mounted (spec.storage.mountPath), through its access point.",
    audience: "all",
  },
  REDIS_HOST: { capability: "cache", description: "Primary endpoint of the Redis replication group (reads and writes).", audience: "all" },
  REDIS_PORT: { capability: "cache", description: "Port of the Redis replication group.", audience: "all" },
  REDIS_TLS: {
    capability: "cache",
    description: "`true` when Redis accepts TLS connections only (spec.cache.transitEncryption): connect with rediss:// or the client's TLS option.",
    audience: "all",
  },
  DATABASE_HOST: { capability: "database", description: "Address of the PostgreSQL instance. Connections must use TLS (rds.force_ssl).", audience: "all" },
  DATABASE_PORT: { capability: "database", description: "Port of the PostgreSQL instance.", audience: "all" },
  DATABASE_NAME: { capability: "database", description: "Name of the database created with the instance (spec.database.dbName).", audience: "all" },
  DATABASE_USER: { capability: "database", description: "Master user name (spec.database.dbUsername).", audience: "all" },
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
    audience: "all",
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
    description: "Name of the stack's EventBridge event bus; the webhook gateway publishes the events it accepts there (PutEvents).",
    audience: "webhook",
  },
  PLATFORM_WEBHOOK_SCHEME: {
    capability: "triggers",
    description: "Signature scheme the webhook gateway verifies (spec.triggers.webhook.scheme: github, stripe or generic); set when the spec sets one.",
    audience: "webhook",
  },
  PLATFORM_WEBHOOK_SECRET_PARAMETER: {
    capability: "triggers",
    description: "SSM SecureString holding the webhook gateway's secret, /<service>/<spec.triggers.webhook.secret> (one secret per line while rotating); the gateway may read exactly this parameter.",
    audience: "webhook",
  },
} satisfies Record<string, InjectedVariable>;

export type InjectedName = keyof typeof INJECTED_ENVIRONMENT;

export const INJECTED_NAMES: ReadonlySet<string> = new Set(Object.keys(INJECTED_ENVIRONMENT));
