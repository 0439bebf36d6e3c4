// Puts a stack's declared secrets into SSM Parameter Store as SecureStrings, from the environment
// of the `platform create` run. Terraform only references them, so values never reach state.
import { PutParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { UsageError } from "../support/errors.js";
import { secretParameterName } from "../capabilities/secrets/provision.js";
import { awsFailure, type Endpoint } from "./aws.js";

export interface SecretValue {
  name: string;
  parameter: string;
  value: string;
}

/**
 * The values of every declared secret, read from `env` by the secret's name. Missing or empty ones
 * are all named in one error, before anything is written.
 */
export function secretsFromEnvironment(service: string, declared: readonly string[], env: NodeJS.ProcessEnv): SecretValue[] {
  const missing = declared.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.length === 1 ? "secret" : "secrets"} ${missing.join(", ")} declared in spec.secrets ${missing.length === 1 ? "is" : "are"} not set in the environment`,
      `export ${missing.map((name) => `${name}=...`).join(" ")} before \`platform create\`, or pass --skip-secrets when ${secretParameterName(service, missing[0]!)}${missing.length > 1 ? " and the others" : ""} already hold their values`,
    );
  }
  return declared.map((name) => ({ name, parameter: secretParameterName(service, name), value: env[name]! }));
}

/**
 * Writes each secret as a SecureString (the account's default `aws/ssm` key), replacing an older
 * value: the environment of the run is the source of truth for what it declares.
 */
export async function pushSecrets(client: SSMClient, secrets: readonly SecretValue[], onSecret: (secret: SecretValue, version: number | undefined) => void, endpoint?: Endpoint): Promise<void> {
  for (const secret of secrets) {
    try {
      const answer = await client.send(new PutParameterCommand({ Name: secret.parameter, Value: secret.value, Type: "SecureString", Overwrite: true }));
      onSecret(secret, answer.Version);
    } catch (error) {
      throw awsFailure(error, `storing secret ${secret.name} in SSM parameter ${secret.parameter}`, endpoint);
    }
  }
}
