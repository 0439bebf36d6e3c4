// Facts of the Lambda runtime that the rules of several units (lambda, triggers, secrets) check
// specs against. Constants only: definitions load with every spec.

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
