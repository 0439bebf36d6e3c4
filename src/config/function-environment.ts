// The size of a function's environment, known before synthesis: the spec's variables plus what the
// engine injects. Lambda refuses a function whose variables (names and values) exceed 4 KB; a value
// known only at apply (an endpoint, an ARN) counts with the longest value AWS can give it.
import { AUDIENCES_OF, INJECTED_ENVIRONMENT, type InjectedName } from "../engine/environment.js";
import { resourceName } from "../engine/names.js";
import { POSTGRES_PORT, REDIS_PORT } from "../engine/ports.js";
import type { PlatformConfig } from "./platform-config.js";

/**
 * Longest values AWS gives the injected variables that hold references, in bytes:
 * - `DATABASE_HOST`: `<identifier, 63>.<12>.<region, 14>.rds.amazonaws.com.cn` = 112.
 * - `DATABASE_SECRET_ARN`: `arn:aws-us-gov:secretsmanager:<region, 14>:<account, 12>:secret:rds!db-<uuid, 36>-<6>` = 117.
 * - `REDIS_HOST`: `master.<id, 40>.<6>.<region code, 6>.cache.amazonaws.com.cn` = 84.
 * Each is rounded up with room to spare.
 */
export const REFERENCE_VALUE_BOUNDS = { DATABASE_HOST: 128, DATABASE_SECRET_ARN: 160, REDIS_HOST: 128 } as const satisfies Partial<Record<InjectedName, number>>;

export interface EnvironmentEntry {
  name: string;
  /** Bytes of the name and the value (the value's bound when it is a reference). */
  bytes: number;
  /** The value is known only at apply; `bytes` counts its bound. */
  bounded: boolean;
}

/** The variables the engine injects into the stack's functions (`functions`) or the webhook function (`webhook`). */
export function injectedFunctionEnvironment(config: PlatformConfig, workload: "functions" | "webhook"): EnvironmentEntry[] {
  const { spec, secrets, serviceName } = config;
  const values: Partial<Record<InjectedName, string | number>> = { PLATFORM_SERVICE_NAME: serviceName };
  if (spec.storage) values.STORAGE_MOUNT_PATH = spec.storage.mountPath;
  if (spec.cache) {
    values.REDIS_HOST = REFERENCE_VALUE_BOUNDS.REDIS_HOST;
    values.REDIS_PORT = String(REDIS_PORT);
    values.REDIS_TLS = String(spec.cache.transitEncryption);
  }
  if (spec.database) {
    values.DATABASE_HOST = REFERENCE_VALUE_BOUNDS.DATABASE_HOST;
    values.DATABASE_PORT = String(POSTGRES_PORT);
    values.DATABASE_NAME = spec.database.dbName;
    values.DATABASE_USER = spec.database.dbUsername;
    values.DATABASE_SECRET_ARN = REFERENCE_VALUE_BOUNDS.DATABASE_SECRET_ARN;
  }
  if (spec.serviceDiscovery) values.SERVICE_DISCOVERY_NAME = `${resourceName("dnsLabel", serviceName)}.${spec.serviceDiscovery.namespace}`;
  // The webhook reads only its signing keys: the secrets named WEBHOOK_* (see the secrets step).
  const readable = workload === "webhook" ? webhookSecrets(secrets) : secrets;
  if (readable.length > 0) {
    values.PLATFORM_SECRETS_PATH = `/${serviceName}/`;
    values.PLATFORM_SECRET_NAMES = readable.join(",");
  }
  if (spec.triggers?.webhookGateway) values.PLATFORM_EVENT_BUS_NAME = resourceName("eventBus", serviceName, "events");

  const audiences = AUDIENCES_OF[workload];
  return (Object.entries(values) as Array<[InjectedName, string | number]>)
    .filter(([name]) => audiences.includes(INJECTED_ENVIRONMENT[name].audience))
    .map(([name, value]) => ({
      name,
      bytes: Buffer.byteLength(name) + (typeof value === "number" ? value : Buffer.byteLength(value)),
      bounded: typeof value === "number",
    }));
}

/** The declared secrets the webhook function may read: its signing keys, by name. */
export const WEBHOOK_SECRET_PREFIX = "WEBHOOK_";
export const webhookSecrets = (secrets: readonly string[]) => secrets.filter((name) => name.startsWith(WEBHOOK_SECRET_PREFIX));

/** Bytes of a set of the spec's own variables. */
export const environmentBytes = (environment: Record<string, string>) =>
  Object.entries(environment).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
