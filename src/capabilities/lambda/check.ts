// Rules of spec.lambda the schema cannot express: unique names, names the webhook gateway takes,
// environment variables Lambda or the engine reserves, and Lambda's size limit on them; one
// architecture per shared image.
import type { SpecPath } from "../../config/diagnostics.js";
import type { PlatformConfig } from "../../config/platform-config.js";
import type { Report } from "../shared/definition.js";
import { LAMBDA_ENV_MAX_BYTES, LAMBDA_RESERVED_ENVIRONMENT, WEBHOOK_FUNCTION_NAME } from "../shared/lambda-runtime.js";
import { echo } from "../../support/echo.js";

export function checkLambda({ spec, rawSpec, secrets }: PlatformConfig, injected: ReadonlySet<string>, error: Report): void {
  if (!spec.lambda) return;
  const secretNames = new Set(secrets);
  const names = new Map<string, number>();
  // Functions sharing an image run one tag, and Lambda runs single-architecture images only.
  const imageArchitecture = new Map<string, { name: string; architecture: string; written: boolean }>();
  spec.lambda.functions.forEach((fn, index) => {
    const architecture = fn.architecture ?? "x86_64";
    const earlier = imageArchitecture.get(fn.image);
    if (!earlier) imageArchitecture.set(fn.image, { name: fn.name, architecture, written: fn.architecture !== undefined });
    else if (earlier.architecture !== architecture) {
      const how = (arch: string, written: boolean) => `${arch}${written ? "" : " (architecture not set)"}`;
      error(
        "lambda/image-architecture",
        ["spec", "lambda", "functions", index, "architecture"],
        `function ${echo(fn.name)} runs image ${echo(fn.image)} as ${how(architecture, fn.architecture !== undefined)}, and function ${echo(earlier.name)} runs it as ${how(earlier.architecture, earlier.written)}; one image has one architecture`,
        `set architecture: ${earlier.architecture} here, or give this function an image of its own`,
      );
    }
  });
  spec.lambda.functions.forEach((fn, index) => {
    const at: SpecPath = ["spec", "lambda", "functions", index];
    const first = names.get(fn.name);
    if (first !== undefined) {
      error("lambda/duplicate-function", [...at, "name"], `function name ${echo(fn.name)} is already used by spec.lambda.functions[${first}]`, "give each function its own name (functions may share an image)");
    } else names.set(fn.name, index);
    if (fn.name === WEBHOOK_FUNCTION_NAME && spec.triggers?.webhookGateway) {
      error("lambda/webhook-function-name", [...at, "name"], `function name "${WEBHOOK_FUNCTION_NAME}" is taken by the webhook gateway (spec.triggers.webhookGateway)`, "rename the function");
    }
    // The built-in gateway has no repository; a gateway of the team's own image has <service>-<webhook.image>.
    const gatewayImage = spec.triggers?.webhookGateway ? spec.triggers.webhook.image : undefined;
    if (gatewayImage !== undefined && fn.image === gatewayImage) {
      error("lambda/webhook-image-name", [...at, "image"], `image "${fn.image}" would share the webhook gateway's ECR repository (<service>-${gatewayImage}, spec.triggers.webhook.image)`, "rename the image");
    }
    const written = ((rawSpec.lambda as { functions?: Array<Record<string, unknown>> } | undefined)?.functions?.[index] ?? {}) as Record<string, unknown>;
    if (!fn.url) {
      for (const field of ["urlAuth", "invokeMode"] as const) {
        if (written[field] !== undefined) error("lambda/url-setting-without-url", [...at, field], `${field} applies to the Function URL, and url is false`, `remove ${field}, or set url: true`, "key");
      }
    }
    let bytes = 0;
    for (const [key, value] of Object.entries(fn.environment)) {
      bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
      const keyPath: SpecPath = [...at, "environment", key];
      if (LAMBDA_RESERVED_ENVIRONMENT.has(key)) error("lambda/reserved-variable", keyPath, `${echo(key)} is reserved by the Lambda runtime`, "rename the variable; Lambda sets this one itself", "key");
      else if (injected.has(key)) error("lambda/engine-variable", keyPath, `${echo(key)} is set by the engine`, "rename the variable; the engine's value would be lost", "key");
      else if (secretNames.has(key)) error("lambda/secret-variable", keyPath, `${echo(key)} is also declared in spec.secrets`, "remove the plain value: the function receives the secret under this name", "key");
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
