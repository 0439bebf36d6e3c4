// `spec.secrets`: names of secrets kept in SSM Parameter Store; values never pass through the engine.
import Type, { type Static } from "typebox";

export const SECRET_NAME_PATTERN = "^[A-Z_][A-Z0-9_]*$";

export const Secrets = Type.Array(
  Type.String({ minLength: 1, maxLength: 128, pattern: SECRET_NAME_PATTERN, description: "Secret name, an upper-case environment variable name." }),
  {
    maxItems: 100,
    description: "Secrets stored as SSM SecureString /<service>/<NAME>; containers and functions receive them as secrets.",
  },
);
export type Secrets = Static<typeof Secrets>;
