// `secrets`: names only. Each is the SSM SecureString /<service>/<NAME>, put there out of band (by
// `platform create` from the environment); Terraform only references it, never holds its value.
import type { SecretsConfig } from "../../../schema/secrets.js";
import type { CapabilityContext } from "../shared/context.js";

/** `/<service>/`: the SSM path under which a service's secrets live. */
export const secretsPath = (service: string) => `/${service}/`;
/** `/<service>/<NAME>`: where a declared secret lives in SSM Parameter Store. */
export const secretParameterName = (service: string, secret: string) => `${secretsPath(service)}${secret}`;

export function provision(secrets: SecretsConfig, ctx: CapabilityContext): void {
  if (secrets.length === 0) return;
  const arns = secrets.map((name) => ctx.infra.arn("ssm", `parameter${secretParameterName(ctx.serviceName, name)}`));
  secrets.forEach((name, index) => ctx.workload.addSecret(name, arns[index]!));

  // Lambda has no secret injection: functions learn where the secrets are (the path and the names,
  // never a value) and read them at start with their own role.
  ctx.workload.setEnvironment("PLATFORM_SECRETS_PATH", secretsPath(ctx.serviceName));
  ctx.workload.setEnvironment("PLATFORM_SECRET_NAMES", secrets.join(","));

  const roles = ctx.require("foundation.roles");
  // Scoped to the stack's parameter path, not to each ARN: a role's inline policies may hold 10,240
  // characters, and 100 ARNs of long names would not fit. The path is the service's own.
  const pathArn = ctx.infra.arn("ssm", `parameter${secretsPath(ctx.serviceName)}*`);
  const statement = { sid: "ReadStackSecrets", actions: ["ssm:GetParameters"], resources: [pathArn] };
  // Containers get secrets from ECS at start (execution role); functions read them themselves.
  roles.grantTo("container-execution", statement);
  roles.grantTo("function", { ...statement, actions: ["ssm:GetParameter", "ssm:GetParameters"] });
}
