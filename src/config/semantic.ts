// Rules the schema cannot express: combinations of fields, uniqueness, and values AWS would reject
// at apply time that are already knowable from the spec. Every error names the spec path and says
// how to fix it. (Which sections require which others is the registry's business: see
// checkPreconditions in src/engine/plan.ts.)
import { formatPath, type Diagnostic, type SpecPath } from "./diagnostics.js";
import { describeFargateMemory, isValidFargatePair } from "./fargate.js";
import type { PlatformConfig } from "./platform-config.js";
import { reservedDatabaseReason, reservedMasterUserReason } from "./postgres.js";
import { checkTriggers } from "./triggers/rules.js";
import type { YamlSource } from "./yaml-source.js";

/**
 * Redis OSS versions ElastiCache offers for new replication groups that this engine supports
 * (major.minor; ElastiCache manages patches from 6.0 on). 7.1 is the last Redis OSS release; 4.0
 * and 5.0 left standard support on 2026-01-31 (Extended Support is billed).
 */
export const SUPPORTED_REDIS_VERSIONS = ["6.2", "7.0", "7.1"] as const;
/**
 * PostgreSQL major versions in RDS standard support. 13 left it on 2026-02-28: new instances would
 * be enrolled in (billed) RDS Extended Support.
 */
export const SUPPORTED_POSTGRES_MAJORS = [14, 15, 16, 17, 18] as const;
/**
 * Names Lambda refuses in a function's environment because its runtime sets them (AWS Lambda
 * Developer Guide, "Defined runtime environment variables"). Others it sets but lets a function
 * override (LANG, PATH, AWS_LAMBDA_EXEC_WRAPPER, AWS_XRAY_*) are allowed.
 */
export const LAMBDA_RESERVED_ENVIRONMENT: ReadonlySet<string> = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_DEFAULT_REGION",
  "AWS_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
  "TZ",
]);
/** Lambda's limit on all environment variables of one function together (keys and values). */
export const LAMBDA_ENV_MAX_BYTES = 4096;
/** The webhook gateway's function takes this name in the stack. */
export const WEBHOOK_FUNCTION_NAME = "webhook";
/** Master user names scanners try first (AWS Security Hub control RDS.25 flags them). */
const DEFAULT_MASTER_USERS = new Set(["postgres"]);
/** Capability sections that provision something others connect to. */
const DATA_SECTIONS = ["storage", "cache", "database"] as const;
const CAPABILITY_LIST = "compute, storage, cache, database, serviceDiscovery, lambda or triggers";

export interface SemanticContext {
  config: PlatformConfig;
  source: YamlSource;
  /** Environment variable names the engine injects into workloads; users may not reuse them. */
  injectedEnvironment: ReadonlySet<string>;
}

type Report = (path: SpecPath, message: string, hint: string, where?: "key" | "value", position?: { line: number; column: number }) => void;

export function checkSemantics({ config, source, injectedEnvironment }: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reporter =
    (severity: Diagnostic["severity"]): Report =>
    (path, message, hint, where = "value", position) => {
      const { line, column } = position ?? source.positionOf(path, where);
      diagnostics.push({ severity, file: source.file, line, column, path: formatPath(path), message, hint });
    };
  const error = reporter("error");
  const warning = reporter("warning");

  checkSomethingDeclared(config, error);
  checkCompute(config, error);
  checkCache(config, error);
  checkDatabase(config, error, warning);
  checkSecrets(config, injectedEnvironment, error);
  checkSecretsForFunctions(config, error);
  checkLambda(config, injectedEnvironment, error);
  checkTriggers(config, source, error, warning);
  checkReachability(config, warning);
  return diagnostics;
}

function checkSomethingDeclared(config: PlatformConfig, error: Report): void {
  if (config.declaredSections.some((section) => section !== "secrets")) return;
  error(["spec"], "declares no capability, so nothing would be provisioned", `add at least one section: ${CAPABILITY_LIST}`, "key");
}

function checkCompute({ spec, rawSpec }: PlatformConfig, error: Report): void {
  if (!spec.compute) return;
  const { cpu, memory } = spec.compute;
  if (isValidFargatePair(cpu, memory)) return;
  const written = (rawSpec.compute ?? {}) as Record<string, unknown>;
  const cpuNote = written.cpu === undefined ? ` (cpu is not set, so it is the default ${cpu})` : "";
  error(
    ["spec", "compute", "memory"],
    `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units${cpuNote}`,
    `with cpu ${cpu}, memory must be ${describeFargateMemory(cpu)}; or choose a cpu that fits ${memory} MiB`,
  );
}

function checkCache({ spec }: PlatformConfig, error: Report): void {
  if (!spec.cache) return;
  const { engineVersion, nodeType, snapshotRetentionDays } = spec.cache;
  if (!(SUPPORTED_REDIS_VERSIONS as readonly string[]).includes(engineVersion)) {
    error(["spec", "cache", "engineVersion"], `Redis ${engineVersion} is not supported`, `use one of ${SUPPORTED_REDIS_VERSIONS.map((v) => `"${v}"`).join(", ")}`);
  }
  if (nodeType.startsWith("cache.t1.") && snapshotRetentionDays > 0) {
    error(
      ["spec", "cache", "snapshotRetentionDays"],
      `${nodeType} nodes cannot keep snapshots`,
      "set snapshotRetentionDays: 0, or choose a current node type such as cache.t4g.micro",
    );
  }
}

function checkDatabase({ spec }: PlatformConfig, error: Report, warning: Report): void {
  if (!spec.database) return;
  const { engineVersion, dbUsername, dbName } = spec.database;
  const major = Number(engineVersion.split(".")[0]);
  if (!(SUPPORTED_POSTGRES_MAJORS as readonly number[]).includes(major)) {
    error(
      ["spec", "database", "engineVersion"],
      `PostgreSQL ${engineVersion} is not supported`,
      `use a major version in RDS standard support: ${SUPPORTED_POSTGRES_MAJORS.map((v) => `"${v}"`).join(", ")}`,
    );
  }
  const userReason = reservedMasterUserReason(dbUsername);
  if (userReason) {
    error(["spec", "database", "dbUsername"], `RDS refuses "${dbUsername}" as the master user name: ${userReason}`, "choose another name, e.g. <service>_admin");
  } else if (DEFAULT_MASTER_USERS.has(dbUsername.toLowerCase())) {
    warning(
      ["spec", "database", "dbUsername"],
      `"${dbUsername}" is the default master user name, the first one attackers try`,
      "choose a name of your own, e.g. <service>_admin (it cannot be changed after creation)",
    );
  }
  const nameReason = reservedDatabaseReason(dbName);
  if (nameReason) {
    error(["spec", "database", "dbName"], `RDS refuses "${dbName}" as the database name: ${nameReason}`, "choose a name of your own, e.g. <service>_production");
  }
}

function checkSecrets({ secrets }: PlatformConfig, injected: ReadonlySet<string>, error: Report): void {
  const first = new Map<string, number>();
  secrets.forEach((name, index) => {
    const at: SpecPath = ["spec", "secrets", index];
    const earlier = first.get(name);
    if (earlier !== undefined) {
      error(at, `secret "${name}" is already listed at spec.secrets[${earlier}]`, "list each secret once");
      return;
    }
    first.set(name, index);
    if (injected.has(name)) error(at, `secret "${name}" has the name of a variable the engine sets`, "rename the secret; the engine's value would be lost");
    else if (LAMBDA_RESERVED_ENVIRONMENT.has(name)) {
      error(at, `secret "${name}" has the name of a variable AWS sets in containers and functions`, "rename the secret; workloads get AWS credentials and region from their role, not from secrets");
    }
  });
}

/** Functions receive secrets as environment variables, whose names Lambda wants two characters long. */
function checkSecretsForFunctions({ spec, secrets }: PlatformConfig, error: Report): void {
  if (!spec.lambda) return;
  secrets.forEach((name, index) => {
    if (name.length >= 2) return;
    error(["spec", "secrets", index], `secret "${name}" is too short for a Lambda environment variable name`, "Lambda requires at least two characters; rename the secret");
  });
}

function checkLambda({ spec, secrets }: PlatformConfig, injected: ReadonlySet<string>, error: Report): void {
  if (!spec.lambda) return;
  const secretNames = new Set(secrets);
  const names = new Map<string, number>();
  spec.lambda.functions.forEach((fn, index) => {
    const at: SpecPath = ["spec", "lambda", "functions", index];
    const first = names.get(fn.name);
    if (first !== undefined) {
      error([...at, "name"], `function name "${fn.name}" is already used by spec.lambda.functions[${first}]`, "give each function its own name (functions may share an image)");
    } else names.set(fn.name, index);
    if (fn.name === WEBHOOK_FUNCTION_NAME && spec.triggers?.webhookGateway) {
      error([...at, "name"], `function name "${WEBHOOK_FUNCTION_NAME}" is taken by the webhook gateway (spec.triggers.webhookGateway)`, "rename the function");
    }
    const gatewayImage = spec.triggers?.webhookGateway ? spec.triggers.webhook.image : undefined;
    if (gatewayImage !== undefined && fn.image === gatewayImage) {
      error([...at, "image"], `image "${fn.image}" would share the webhook gateway's ECR repository (<service>-${gatewayImage}, spec.triggers.webhook.image)`, "rename the image");
    }
    let bytes = 0;
    for (const [key, value] of Object.entries(fn.environment)) {
      bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
      const keyPath: SpecPath = [...at, "environment", key];
      if (LAMBDA_RESERVED_ENVIRONMENT.has(key)) error(keyPath, `"${key}" is reserved by the Lambda runtime`, "rename the variable; Lambda sets this one itself", "key");
      else if (injected.has(key)) error(keyPath, `"${key}" is set by the engine`, "rename the variable; the engine's value would be lost", "key");
      else if (secretNames.has(key)) error(keyPath, `"${key}" is also declared in spec.secrets`, "remove the plain value: the function receives the secret under this name", "key");
    }
    if (bytes > LAMBDA_ENV_MAX_BYTES) {
      error(
        [...at, "environment"],
        `environment variables total ${bytes} bytes; Lambda allows ${LAMBDA_ENV_MAX_BYTES} for a function`,
        "move large values to spec.secrets or to the file system",
        "key",
      );
    }
  });
}

function checkReachability({ spec }: PlatformConfig, warning: Report): void {
  if (spec.compute || spec.lambda) return;
  for (const section of DATA_SECTIONS) {
    if (!spec[section]) continue;
    warning(
      ["spec", section],
      `nothing in this stack can reach the ${section} (no compute and no lambda)`,
      "add compute or lambda, or make sure another stack's workloads are meant to reach it",
      "key",
    );
  }
}
