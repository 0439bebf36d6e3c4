// Rules of spec.secrets: unique names, none the engine or AWS sets, long enough for Lambda.
import type { SpecPath } from "../../config/diagnostics.js";
import type { PlatformConfig } from "../../config/platform-config.js";
import type { Report } from "../shared/definition.js";
import { LAMBDA_RESERVED_ENVIRONMENT } from "../shared/lambda-runtime.js";
import { echo } from "../../support/echo.js";

export function checkSecrets({ secrets }: PlatformConfig, injected: ReadonlySet<string>, error: Report): void {
  const first = new Map<string, number>();
  secrets.forEach((name, index) => {
    const at: SpecPath = ["spec", "secrets", index];
    const earlier = first.get(name);
    if (earlier !== undefined) {
      error("secrets/duplicate", at, `secret ${echo(name)} is already listed at spec.secrets[${earlier}]`, "list each secret once");
      return;
    }
    first.set(name, index);
    if (injected.has(name)) error("secrets/engine-variable", at, `secret ${echo(name)} has the name of a variable the engine sets`, "rename the secret; the engine's value would be lost");
    else if (LAMBDA_RESERVED_ENVIRONMENT.has(name)) {
      error("secrets/aws-variable", at, `secret ${echo(name)} has the name of a variable AWS sets in containers and functions`, "rename the secret; workloads get AWS credentials and region from their role, not from secrets");
    }
  });
}

/** Functions receive secrets as environment variables, whose names Lambda wants two characters long. */
export function checkSecretsForFunctions({ spec, secrets }: PlatformConfig, error: Report): void {
  if (!spec.lambda) return;
  secrets.forEach((name, index) => {
    if (name.length >= 2) return;
    error("secrets/too-short-for-lambda", ["spec", "secrets", index], `secret ${echo(name)} is too short for a Lambda environment variable name`, "Lambda requires at least two characters; rename the secret");
  });
}
