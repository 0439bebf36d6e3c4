// Rules of spec.compute the schema cannot express.
import type { SpecPath } from "../../config/diagnostics.js";
import { describeFargateMemory, isValidFargatePair } from "../../config/fargate.js";
import type { PlatformConfig } from "../../config/platform-config.js";
import { echo } from "../../support/echo.js";
import { ACCESS_PROXY_PORT } from "../../modules/compute/access-proxy.js";
import type { Report } from "../shared/definition.js";
import { MAX_HOSTS_PER_RULE } from "./keys.js";

/**
 * Names Fargate sets in every container (the task's credentials and metadata endpoints, the region,
 * the execution environment) and static AWS credentials, which belong in spec.secrets if anywhere:
 * a spec value would break the SDKs' credential chain or hide the task role.
 */
export const CONTAINER_RESERVED_ENVIRONMENT: ReadonlySet<string> = new Set([
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
  "ECS_CONTAINER_METADATA_URI",
  "ECS_CONTAINER_METADATA_URI_V4",
  "ECS_AGENT_URI",
  "AWS_EXECUTION_ENV",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
]);

/**
 * The engine's limit on the container's plain variables together (names and values). The whole
 * task definition may hold 64 KiB; this leaves room for the rest of it.
 */
export const CONTAINER_ENV_MAX_BYTES = 16384;

/** A name that reads like a credential: its value would sit in the task definition in clear text. */
const SECRET_LOOKING = /(^|_)(PASSWORD|TOKEN|SECRET|KEY)$/i;

export function checkCompute(config: PlatformConfig, injected: ReadonlySet<string>, error: Report, warning: Report): void {
  const { spec, rawSpec } = config;
  if (!spec.compute) return;
  // The task's Access proxy sidecar listens on its own port; the container cannot take it too
  // (`access: public` runs no proxy).
  if (spec.compute.port === ACCESS_PROXY_PORT && spec.compute.access !== "public") {
    error(
      "compute/port-taken",
      ["spec", "compute", "port"],
      `port ${ACCESS_PROXY_PORT} is taken by the task's Cloudflare Access proxy, which shares the container's network`,
      "have the container listen on another port",
    );
  }
  const { cpu, memory } = spec.compute;
  if (!isValidFargatePair(cpu, memory)) {
    const written = (rawSpec.compute ?? {}) as Record<string, unknown>;
    const cpuNote = written.cpu === undefined ? ` (cpu is not set, so it is the default ${cpu})` : "";
    error(
      "compute/fargate-memory",
      ["spec", "compute", "memory"],
      `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units${cpuNote}`,
      `with cpu ${cpu}, memory must be ${describeFargateMemory(cpu)}; or choose a cpu that fits ${memory} MiB`,
    );
  }
  checkEnvironment(config, injected, error, warning);
  checkScaling(config, error);
  checkHealth(config, error);
  checkHostnames(config, error);
}

function checkEnvironment({ spec, secrets }: PlatformConfig, injected: ReadonlySet<string>, error: Report, warning: Report): void {
  const environment = spec.compute!.environment;
  const secretNames = new Set(secrets);
  let bytes = 0;
  for (const [key, value] of Object.entries(environment)) {
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
    const keyPath: SpecPath = ["spec", "compute", "environment", key];
    if (CONTAINER_RESERVED_ENVIRONMENT.has(key)) error("compute/reserved-variable", keyPath, `${echo(key)} is set by Fargate (or is an AWS credential)`, "rename the variable; the task role provides credentials", "key");
    else if (injected.has(key)) error("compute/engine-variable", keyPath, `${echo(key)} is set by the engine`, "rename the variable; the engine's value would be lost", "key");
    else if (secretNames.has(key)) error("compute/secret-variable", keyPath, `${echo(key)} is also declared in spec.secrets`, "remove the plain value: the container receives the secret under this name", "key");
    else if (SECRET_LOOKING.test(key)) {
      warning("compute/secret-looking-variable", keyPath, `${echo(key)} looks like a secret, but plain variables are stored in clear text in the task definition`, "declare it under spec.secrets instead", "key");
    }
  }
  if (bytes > CONTAINER_ENV_MAX_BYTES) {
    error(
      "compute/environment-too-large",
      ["spec", "compute", "environment"],
      `environment variables total ${bytes} bytes; the engine allows ${CONTAINER_ENV_MAX_BYTES} for the container`,
      "move large values to spec.secrets or to the file system",
      "key",
    );
  }
}

/** instances.max against min, and scaling against max: a range needs a target, a target needs a range. */
export function checkScaling({ spec, rawSpec }: PlatformConfig, error: Report): void {
  const compute = spec.compute!;
  const { min, max } = compute.instances;
  const scaling = compute.scaling;
  const minWritten = ((rawSpec.compute as Record<string, Record<string, unknown>> | undefined)?.instances ?? {}).min !== undefined;
  const minNote = minWritten ? "" : " (min is not set, so it is the default 1)";
  if (max !== undefined && max < min) {
    error("compute/instances-range", ["spec", "compute", "instances", "max"], `max ${max} is below min ${min}${minNote}`, `set max to at least ${min}, or lower min`);
    return;
  }
  const ranged = max !== undefined && max > min;
  const targets = scaling ? [scaling.cpuPercent, scaling.memoryPercent, scaling.requestsPerTarget].filter((t) => t !== undefined) : [];
  if (ranged && targets.length === 0) {
    error(
      "compute/scaling-without-target",
      scaling ? ["spec", "compute", "scaling"] : ["spec", "compute", "instances", "max"],
      `max ${max} above min ${min} needs a scaling target to move between them`,
      "add spec.compute.scaling with cpuPercent, memoryPercent or requestsPerTarget; or remove max",
      scaling ? "key" : "value",
    );
  } else if (!ranged && scaling) {
    error(
      "compute/scaling-without-range",
      ["spec", "compute", "scaling"],
      max === undefined ? "scaling is set but instances.max is not, so there is nothing to scale between" : `scaling is set but instances.max equals min (${min})`,
      `set spec.compute.instances.max above ${min}, or remove scaling`,
      "key",
    );
  }
}

/** AWS's defaults for an HTTP target group's probe, when the spec leaves them unset. */
const ALB_DEFAULT_INTERVAL = 30;
const ALB_DEFAULT_TIMEOUT = 6;

/** The load balancer's probe: a timeout below the interval, success codes an ALB accepts (200 to 499). */
export function checkHealth({ spec }: PlatformConfig, error: Report): void {
  const health = spec.compute!.healthCheck;
  const interval = health.interval ?? ALB_DEFAULT_INTERVAL;
  const timeout = health.timeout ?? ALB_DEFAULT_TIMEOUT;
  if (timeout >= interval) {
    const which = health.timeout !== undefined ? "timeout" : "interval";
    const note = health.interval === undefined ? ` (interval is not set, so it is AWS's ${ALB_DEFAULT_INTERVAL})` : health.timeout === undefined ? ` (timeout is not set, so it is AWS's ${ALB_DEFAULT_TIMEOUT})` : "";
    error("compute/health-check-timeout", ["spec", "compute", "healthCheck", which], `the health check timeout ${timeout} s is not below its interval ${interval} s${note}`, "make timeout smaller than interval");
  }
  for (const part of health.successCodes.split(",")) {
    const [low, high = low] = part.split("-").map(Number) as [number, number?];
    if (low < 200 || high > 499 || high < low) {
      error("compute/health-check-codes", ["spec", "compute", "healthCheck", "successCodes"], `${echo(part)} is not a range of codes a load balancer accepts`, "use codes from 200 to 499, a range low-high with low <= high");
      break;
    }
  }
}

/** Extra host names: distinct, not the service's own name, and with it at most five per listener rule. */
export function checkHostnames({ spec, metadata }: PlatformConfig, error: Report): void {
  const hostnames = spec.compute!.hostnames;
  const seen = new Map<string, number>();
  hostnames.forEach((name, index) => {
    const at: SpecPath = ["spec", "compute", "hostnames", index];
    const first = seen.get(name);
    if (name === metadata.name) error("compute/own-hostname", at, `${echo(name)} is the service's own host name, which it always has`, "remove it from hostnames");
    else if (first !== undefined) error("compute/duplicate-hostname", at, `${echo(name)} is listed twice`, "list each host name once");
    else seen.set(name, index);
  });
  if (hostnames.length > MAX_HOSTS_PER_RULE - 1) {
    error(
      "compute/too-many-hostnames",
      ["spec", "compute", "hostnames"],
      `${hostnames.length} extra host names and the service's own make ${hostnames.length + 1}; a load balancer listener rule holds at most ${MAX_HOSTS_PER_RULE}`,
      `keep at most ${MAX_HOSTS_PER_RULE - 1} extra host names`,
      "key",
    );
  }
}
