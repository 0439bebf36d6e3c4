// The environment variables the engine injects into workloads (containers and functions). Every
// name is declared here once, with its meaning, so docs and the spec checks read the same table.

export interface InjectedVariable {
  /** The capability that sets it. */
  capability: string;
  description: string;
  /** Who receives it. */
  audience: "containers" | "functions" | "all";
}

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
} satisfies Record<string, InjectedVariable>;

export type InjectedName = keyof typeof INJECTED_ENVIRONMENT;

export const INJECTED_NAMES: ReadonlySet<string> = new Set(Object.keys(INJECTED_ENVIRONMENT));
