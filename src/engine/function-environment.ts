// The size of a function's environment, known before synthesis: the spec's variables plus what the
// engine injects. Lambda refuses a function whose variables (names and values) exceed 4 KB; a value
// known only at apply (an endpoint, an ARN) counts with the longest value AWS can give it. A rule
// across sections (lambda, triggers, secrets and the data sections), run with the spec checks.
import type { SpecPath } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import type { Report } from "../capabilities/shared/definition.js";
import { AUDIENCES_OF, type InjectedName } from "../capabilities/shared/environment.js";
import { LAMBDA_ENV_MAX_BYTES } from "../capabilities/shared/lambda-runtime.js";
import { resourceName } from "../capabilities/shared/names.js";
import { POSTGRES_PORT, REDIS_PORT } from "../capabilities/shared/ports.js";
import { AWS_NAME_LIMITS, INJECTED_ENVIRONMENT } from "./registry.js";

/**
 * Longest values AWS gives the injected variables that hold references, in bytes:
 * - `DATABASE_HOST`: `<identifier, 63>.<12>.<region, 14>.rds.amazonaws.com.cn` = 112.
 * - `DATABASE_SECRET_ARN`: `arn:aws-us-gov:secretsmanager:<region, 14>:<account, 12>:secret:rds!db-<uuid, 36>-<6>` = 117.
 * - `REDIS_HOST`: `master.<id, 40>.<6>.<region code, 6>.cache.amazonaws.com.cn` = 84.
 * - `QUEUE_URL`: `https://sqs.<region, 14>.amazonaws.com.cn/<account, 12>/<name, 80>` = 132.
 * - `QUEUE_ARN`: `arn:aws-us-gov:sqs:<region, 14>:<account, 12>:<name, 80>` = 126.
 * - `BUCKET_NAME`: an S3 bucket name, at most 63.
 * Each is rounded up with room to spare.
 */
export const REFERENCE_VALUE_BOUNDS = { DATABASE_HOST: 128, DATABASE_SECRET_ARN: 160, REDIS_HOST: 128, QUEUE_URL: 160, QUEUE_ARN: 160, BUCKET_NAME: 63 } as const;

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
  if (spec.queue) {
    values.QUEUE_URL = REFERENCE_VALUE_BOUNDS.QUEUE_URL;
    values.QUEUE_ARN = REFERENCE_VALUE_BOUNDS.QUEUE_ARN;
  }
  if (spec.bucket) values.BUCKET_NAME = REFERENCE_VALUE_BOUNDS.BUCKET_NAME;
  if (spec.serviceDiscovery) values.SERVICE_DISCOVERY_NAME = `${resourceName(AWS_NAME_LIMITS.dnsLabel, serviceName)}.${spec.serviceDiscovery.namespace}`;
  if (secrets.length > 0) {
    values.PLATFORM_SECRETS_PATH = `/${serviceName}/`;
    values.PLATFORM_SECRET_NAMES = secrets.join(",");
  }
  if (spec.triggers?.webhookGateway) values.PLATFORM_EVENT_BUS_NAME = resourceName(AWS_NAME_LIMITS.eventBus, serviceName, "events");
  const webhook = spec.triggers?.webhookGateway ? spec.triggers.webhook : undefined;
  if (workload === "webhook" && webhook) {
    if (webhook.scheme !== undefined) values.PLATFORM_WEBHOOK_SCHEME = webhook.scheme;
    if (webhook.secret !== undefined) values.PLATFORM_WEBHOOK_SECRET_PARAMETER = `/${serviceName}/${webhook.secret}`;
    // The built-in gateway (issue 19) receives only its own variables.
    if (webhook.image === undefined) {
      const own = new Set<InjectedName>(["PLATFORM_SERVICE_NAME", "PLATFORM_EVENT_BUS_NAME", "PLATFORM_WEBHOOK_SCHEME", "PLATFORM_WEBHOOK_SECRET_PARAMETER"]);
      for (const name of Object.keys(values) as InjectedName[]) if (!own.has(name)) delete values[name];
    }
  }

  const audiences = AUDIENCES_OF[workload];
  return (Object.entries(values) as Array<[InjectedName, string | number]>)
    .filter(([name]) => audiences.includes(INJECTED_ENVIRONMENT[name]!.audience))
    .map(([name, value]) => ({
      name,
      bytes: Buffer.byteLength(name) + (typeof value === "number" ? value : Buffer.byteLength(value)),
      bounded: typeof value === "number",
    }));
}


/** Bytes of a set of the spec's own variables. */
export const environmentBytes = (environment: Record<string, string>) =>
  Object.entries(environment).reduce((sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(value), 0);

/**
 * Each function's variables (its own and the engine's) and the webhook's must fit Lambda's 4 KB.
 * A function whose own variables alone exceed it is reported by the lambda unit's check.
 */
export function checkFunctionEnvironments(config: PlatformConfig, error: Report): void {
  const secretsReported = { done: false };
  config.spec.lambda?.functions.forEach((fn, index) => {
    const own = environmentBytes(fn.environment);
    if (own > LAMBDA_ENV_MAX_BYTES) return;
    fits(config, `function ${fn.name}`, own, ["spec", "lambda", "functions", index, "environment"], injectedFunctionEnvironment(config, "functions"), error, secretsReported);
  });
  if (config.spec.triggers?.webhookGateway) fits(config, "webhook function", 0, undefined, injectedFunctionEnvironment(config, "webhook"), error, secretsReported);
}

/**
 * When they do not fit, the error points at the larger part: the declared secrets (their names
 * travel in PLATFORM_SECRET_NAMES), once, or the function's own variables.
 */
function fits(
  config: PlatformConfig,
  what: string,
  ownBytes: number,
  ownAt: SpecPath | undefined,
  injected: EnvironmentEntry[],
  error: Report,
  secretsReported: { done: boolean },
): void {
  const injectedBytes = injected.reduce((sum, entry) => sum + entry.bytes, 0);
  const total = ownBytes + injectedBytes;
  if (total <= LAMBDA_ENV_MAX_BYTES) return;
  const names = injected.find((entry) => entry.name === "PLATFORM_SECRET_NAMES");
  const bounded = injected.filter((entry) => entry.bounded).map((entry) => entry.name);
  const listed = names ? config.secrets.length : 0;
  const parts = [
    ...(ownAt ? [`${ownBytes} in its spec environment`] : []),
    `${injectedBytes} set by the engine${names ? ` (PLATFORM_SECRET_NAMES ${names.bytes} for ${listed} secret names)` : ""}`,
  ];
  const message =
    `the ${what}'s environment variables would total up to ${total} bytes (${parts.join(", ")}` +
    `${bounded.length > 0 ? `; ${bounded.join(", ")} counted at their longest` : ""}); Lambda allows ${LAMBDA_ENV_MAX_BYTES} for a function`;
  if (names && (!ownAt || names.bytes >= ownBytes)) {
    if (secretsReported.done) return;
    secretsReported.done = true;
    const over = total - LAMBDA_ENV_MAX_BYTES;
    error("lambda/environment-too-large", ["spec", "secrets"], message, `shorten or drop secret names by ${over} bytes in total, or keep several values in one secret (e.g. JSON)`, "key");
  } else if (ownAt) {
    error("lambda/environment-too-large", ownAt, message, "move large values to spec.secrets or to the file system", "key");
  }
}
