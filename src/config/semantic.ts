// Rules the schema cannot express: combinations of fields, uniqueness, and values AWS would reject
// at apply time that are already knowable from the spec.
import { formatPath, type Diagnostic, type SpecPath } from "./diagnostics.js";
import { describeFargateMemory, isValidFargatePair } from "./fargate.js";
import type { PlatformConfig } from "./platform-config.js";
import type { YamlSource } from "./yaml-source.js";

/** Redis versions ElastiCache offers for the `redis` engine that this engine supports. */
export const SUPPORTED_REDIS_VERSIONS = ["6.2", "7.0", "7.1"] as const;
/** PostgreSQL major versions RDS offers that this engine supports. */
export const SUPPORTED_POSTGRES_MAJORS = [13, 14, 15, 16, 17] as const;
/** Lambda refuses these environment variable names: the runtime sets them. */
const LAMBDA_RESERVED_ENV = /^(AWS_REGION|AWS_DEFAULT_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_.*|AWS_ACCESS_KEY|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_XRAY_.*|_HANDLER|_X_AMZN_TRACE_ID|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR|TZ)$/;
/** Lambda's limit on all environment variables of one function together. */
const LAMBDA_ENV_MAX_BYTES = 4096;
/** PostgreSQL and RDS keep these names for themselves. */
const RESERVED_DB_USERNAME = /^(rdsadmin|rdsrepladmin|public|pg_.*|rds_.*)$/i;
const RESERVED_DB_NAMES = new Set(["template0", "template1", "rdsadmin"]);
/** The webhook gateway's function takes this name in the stack. */
export const WEBHOOK_FUNCTION_NAME = "webhook";
/** Capability sections that provision something (secrets only names values). */
const DATA_SECTIONS = ["storage", "cache", "database"] as const;

export interface SemanticContext {
  config: PlatformConfig;
  source: YamlSource;
  /** Environment variable names the engine injects into workloads; users may not reuse them. */
  injectedEnvironment: ReadonlySet<string>;
}

export function checkSemantics({ config, source, injectedEnvironment }: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Diagnostic["severity"], path: SpecPath, message: string, hint?: string, where: "key" | "value" = "value") => {
    const { line, column } = source.positionOf(path, where);
    diagnostics.push({ severity, file: source.file, line, column, path: formatPath(path), message, ...(hint ? { hint } : {}) });
  };
  const error = (path: SpecPath, message: string, hint?: string, where: "key" | "value" = "value") => report("error", path, message, hint, where);
  const { spec } = config;

  const capabilities = config.declaredSections.filter((section) => section !== "secrets");
  if (capabilities.length === 0) {
    error(["spec"], "declares no capability, so nothing would be provisioned", "add at least one section: compute, storage, cache, database, serviceDiscovery, lambda or triggers", "key");
  }

  if (spec.compute) {
    const { cpu, memory } = spec.compute;
    if (!isValidFargatePair(cpu, memory)) {
      error(["spec", "compute", "memory"], `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units`, `with cpu ${cpu}, memory must be ${describeFargateMemory(cpu)}`);
    }
  }

  if (spec.cache && !(SUPPORTED_REDIS_VERSIONS as readonly string[]).includes(spec.cache.engineVersion)) {
    error(["spec", "cache", "engineVersion"], `Redis ${spec.cache.engineVersion} is not supported`, `use one of ${SUPPORTED_REDIS_VERSIONS.join(", ")}`);
  }

  if (spec.database) {
    const major = Number(spec.database.engineVersion.split(".")[0]);
    if (!(SUPPORTED_POSTGRES_MAJORS as readonly number[]).includes(major)) {
      error(["spec", "database", "engineVersion"], `PostgreSQL ${spec.database.engineVersion} is not supported`, `use a major version: ${SUPPORTED_POSTGRES_MAJORS.join(", ")}`);
    }
    if (RESERVED_DB_USERNAME.test(spec.database.dbUsername)) {
      error(["spec", "database", "dbUsername"], `"${spec.database.dbUsername}" is reserved by PostgreSQL or RDS`, "choose another master user name, e.g. <service>_admin");
    }
    if (RESERVED_DB_NAMES.has(spec.database.dbName.toLowerCase())) {
      error(["spec", "database", "dbName"], `"${spec.database.dbName}" is reserved by PostgreSQL or RDS`, "choose a database name of your own, e.g. <service>_production");
    }
  }

  const secretNames = new Set<string>();
  config.secrets.forEach((name, index) => {
    if (secretNames.has(name)) error(["spec", "secrets", index], `secret "${name}" is listed twice`, "list each secret once");
    secretNames.add(name);
    if (injectedEnvironment.has(name)) error(["spec", "secrets", index], `secret "${name}" has the name of a variable the engine sets`, "rename the secret");
  });

  if (spec.lambda) {
    const names = new Map<string, number>();
    spec.lambda.functions.forEach((fn, index) => {
      const at: SpecPath = ["spec", "lambda", "functions", index];
      const first = names.get(fn.name);
      if (first !== undefined) error([...at, "name"], `function name "${fn.name}" is already used by spec.lambda.functions[${first}]`, "function names must be unique in the stack");
      else names.set(fn.name, index);
      if (fn.name === WEBHOOK_FUNCTION_NAME && spec.triggers?.webhookGateway) {
        error([...at, "name"], `function name "${WEBHOOK_FUNCTION_NAME}" is taken by the webhook gateway (spec.triggers.webhookGateway)`, "rename the function");
      }
      let bytes = 0;
      for (const [key, value] of Object.entries(fn.environment)) {
        bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
        if (LAMBDA_RESERVED_ENV.test(key)) error([...at, "environment", key], `"${key}" is reserved by the Lambda runtime`, "rename the variable", "key");
        else if (injectedEnvironment.has(key)) error([...at, "environment", key], `"${key}" is set by the engine`, "rename the variable; the engine's value would be lost", "key");
        else if (secretNames.has(key)) error([...at, "environment", key], `"${key}" is declared in spec.secrets`, "secrets reach the function as secrets; remove the plain value", "key");
      }
      if (bytes > LAMBDA_ENV_MAX_BYTES) {
        error([...at, "environment"], `environment variables total ${bytes} bytes; Lambda allows ${LAMBDA_ENV_MAX_BYTES}`, "move large values to spec.secrets or to the file system", "key");
      }
    });
  }

  if (spec.triggers && !spec.triggers.eventbridge && !spec.triggers.webhookGateway) {
    report("warning", ["spec", "triggers"], "declares neither eventbridge nor webhookGateway, so it provisions nothing", "remove the section or set one of them", "key");
  }

  if (!spec.compute && !spec.lambda) {
    for (const section of DATA_SECTIONS) {
      if (spec[section]) {
        report("warning", ["spec", section], `nothing in this stack can reach the ${section} (no compute and no lambda)`, "add compute or lambda, or reach it from another stack's network", "key");
      }
    }
  }
  return diagnostics;
}
