// Rules the schema cannot express: combinations of fields, uniqueness, and values AWS would reject
// at apply time that are already knowable from the spec. Every error names the spec path and says
// how to fix it. (Which sections require which others is the registry's business: see
// checkPreconditions in src/engine/plan.ts.)
import { formatPath, type Diagnostic, type DiagnosticCode, type SpecPath } from "./diagnostics.js";
import { describeFargateMemory, isValidFargatePair } from "./fargate.js";
import type { PlatformConfig } from "./platform-config.js";
import { reservedDatabaseReason, reservedMasterUserReason } from "./postgres.js";
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
/** EventBridge Scheduler creates a group of this name in every account; it cannot be created again. */
const AWS_OWNED_SCHEDULE_GROUP = "default";
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

type Report = (code: DiagnosticCode, path: SpecPath, message: string, hint: string, where?: "key" | "value") => void;

export function checkSemantics({ config, source, injectedEnvironment }: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reporter =
    (severity: Diagnostic["severity"]): Report =>
    (code, path, message, hint, where = "value") => {
      diagnostics.push({ severity, code, file: source.file, ...source.positionOf(path, where), path: formatPath(path), message, hint });
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
  checkTriggers(config, error, warning);
  checkReachability(config, warning);
  return diagnostics;
}

function checkSomethingDeclared(config: PlatformConfig, error: Report): void {
  if (config.declaredSections.some((section) => section !== "secrets")) return;
  error("spec/no-capability", ["spec"], "declares no capability, so nothing would be provisioned", `add at least one section: ${CAPABILITY_LIST}`, "key");
}

function checkCompute({ spec, rawSpec }: PlatformConfig, error: Report): void {
  if (!spec.compute) return;
  const { cpu, memory } = spec.compute;
  if (isValidFargatePair(cpu, memory)) return;
  const written = (rawSpec.compute ?? {}) as Record<string, unknown>;
  const cpuNote = written.cpu === undefined ? ` (cpu is not set, so it is the default ${cpu})` : "";
  error(
    "compute/fargate-memory",
    ["spec", "compute", "memory"],
    `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units${cpuNote}`,
    `with cpu ${cpu}, memory must be ${describeFargateMemory(cpu)}; or choose a cpu that fits ${memory} MiB`,
  );
}

function checkCache({ spec }: PlatformConfig, error: Report): void {
  if (!spec.cache) return;
  const { engineVersion, nodeType, snapshotRetentionDays } = spec.cache;
  if (!(SUPPORTED_REDIS_VERSIONS as readonly string[]).includes(engineVersion)) {
    error("cache/redis-version", ["spec", "cache", "engineVersion"], `Redis ${engineVersion} is not supported`, `use one of ${SUPPORTED_REDIS_VERSIONS.map((v) => `"${v}"`).join(", ")}`);
  }
  if (nodeType.startsWith("cache.t1.") && snapshotRetentionDays > 0) {
    error(
      "cache/t1-snapshots",
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
      "database/postgres-version",
      ["spec", "database", "engineVersion"],
      `PostgreSQL ${engineVersion} is not supported`,
      `use a major version in RDS standard support: ${SUPPORTED_POSTGRES_MAJORS.map((v) => `"${v}"`).join(", ")}`,
    );
  }
  const userReason = reservedMasterUserReason(dbUsername);
  if (userReason) {
    error("database/reserved-master-user", ["spec", "database", "dbUsername"], `RDS refuses "${dbUsername}" as the master user name: ${userReason}`, "choose another name, e.g. <service>_admin");
  } else if (DEFAULT_MASTER_USERS.has(dbUsername.toLowerCase())) {
    warning(
      "database/default-master-user",
      ["spec", "database", "dbUsername"],
      `"${dbUsername}" is the default master user name, the first one attackers try`,
      "choose a name of your own, e.g. <service>_admin (it cannot be changed after creation)",
    );
  }
  const nameReason = reservedDatabaseReason(dbName);
  if (nameReason) {
    error("database/reserved-database-name", ["spec", "database", "dbName"], `RDS refuses "${dbName}" as the database name: ${nameReason}`, "choose a name of your own, e.g. <service>_production");
  }
}

function checkSecrets({ secrets }: PlatformConfig, injected: ReadonlySet<string>, error: Report): void {
  const first = new Map<string, number>();
  secrets.forEach((name, index) => {
    const at: SpecPath = ["spec", "secrets", index];
    const earlier = first.get(name);
    if (earlier !== undefined) {
      error("secrets/duplicate", at, `secret "${name}" is already listed at spec.secrets[${earlier}]`, "list each secret once");
      return;
    }
    first.set(name, index);
    if (injected.has(name)) error("secrets/engine-variable", at, `secret "${name}" has the name of a variable the engine sets`, "rename the secret; the engine's value would be lost");
    else if (LAMBDA_RESERVED_ENVIRONMENT.has(name)) {
      error("secrets/aws-variable", at, `secret "${name}" has the name of a variable AWS sets in containers and functions`, "rename the secret; workloads get AWS credentials and region from their role, not from secrets");
    }
  });
}

/** Functions receive secrets as environment variables, whose names Lambda wants two characters long. */
function checkSecretsForFunctions({ spec, secrets }: PlatformConfig, error: Report): void {
  if (!spec.lambda) return;
  secrets.forEach((name, index) => {
    if (name.length >= 2) return;
    error("secrets/too-short-for-lambda", ["spec", "secrets", index], `secret "${name}" is too short for a Lambda environment variable name`, "Lambda requires at least two characters; rename the secret");
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
      error("lambda/duplicate-function", [...at, "name"], `function name "${fn.name}" is already used by spec.lambda.functions[${first}]`, "give each function its own name (functions may share an image)");
    } else names.set(fn.name, index);
    if (fn.name === WEBHOOK_FUNCTION_NAME && spec.triggers?.webhookGateway) {
      error("lambda/webhook-function-name", [...at, "name"], `function name "${WEBHOOK_FUNCTION_NAME}" is taken by the webhook gateway (spec.triggers.webhookGateway)`, "rename the function");
    }
    if (fn.image === WEBHOOK_FUNCTION_NAME && spec.triggers?.webhookGateway) {
      error("lambda/webhook-image-name", [...at, "image"], `image "${WEBHOOK_FUNCTION_NAME}" would share the webhook gateway's ECR repository (<service>-${WEBHOOK_FUNCTION_NAME})`, "rename the image");
    }
    let bytes = 0;
    for (const [key, value] of Object.entries(fn.environment)) {
      bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
      const keyPath: SpecPath = [...at, "environment", key];
      if (LAMBDA_RESERVED_ENVIRONMENT.has(key)) error("lambda/reserved-variable", keyPath, `"${key}" is reserved by the Lambda runtime`, "rename the variable; Lambda sets this one itself", "key");
      else if (injected.has(key)) error("lambda/engine-variable", keyPath, `"${key}" is set by the engine`, "rename the variable; the engine's value would be lost", "key");
      else if (secretNames.has(key)) error("lambda/secret-variable", keyPath, `"${key}" is also declared in spec.secrets`, "remove the plain value: the function receives the secret under this name", "key");
    }
    if (bytes > LAMBDA_ENV_MAX_BYTES) {
      error(
        "lambda/environment-too-large",
        [...at, "environment"],
        `environment variables total ${bytes} bytes; Lambda allows ${LAMBDA_ENV_MAX_BYTES} for a function`,
        "move large values to spec.secrets or to the file system",
        "key",
      );
    }
  });
}

function checkTriggers({ spec, rawSpec }: PlatformConfig, error: Report, warning: Report): void {
  if (!spec.triggers) return;
  const group = spec.triggers.eventbridge?.scheduleGroup;
  if (group === AWS_OWNED_SCHEDULE_GROUP) {
    error(
      "triggers/aws-schedule-group",
      ["spec", "triggers", "eventbridge", "scheduleGroup"],
      `"${AWS_OWNED_SCHEDULE_GROUP}" is the schedule group AWS creates in every account; it cannot be created again`,
      "name the group after the service, e.g. <service>-schedules",
    );
  }
  const written = rawSpec.triggers as Record<string, unknown> | undefined;
  if (written?.webhook !== undefined && !spec.triggers.webhookGateway) {
    warning("triggers/webhook-without-gateway", ["spec", "triggers", "webhook"], "sizes a webhook function that is not created (webhookGateway is off)", "set webhookGateway: true, or remove webhook", "key");
  }
  if (!spec.triggers.eventbridge && !spec.triggers.webhookGateway) {
    warning("triggers/nothing-declared", ["spec", "triggers"], "declares neither eventbridge nor webhookGateway, so it provisions nothing", "remove the section, or set eventbridge or webhookGateway: true", "key");
  }
}

function checkReachability({ spec, declaredSections }: PlatformConfig, warning: Report): void {
  // Declared, not resolved: a workload section with a mistake of its own is still meant to be there.
  if (declaredSections.includes("compute") || declaredSections.includes("lambda")) return;
  for (const section of DATA_SECTIONS) {
    if (!spec[section]) continue;
    warning(
      "reachability/unreachable-data",
      ["spec", section],
      `nothing in this stack can reach the ${section} (no compute and no lambda)`,
      "add compute or lambda, or make sure another stack's workloads are meant to reach it",
      "key",
    );
  }
}
