// `spec.secrets`: names of secrets kept in SSM Parameter Store; values never pass through the engine.
import Type, { type Static } from "typebox";

/** Upper-case environment variable names: workloads receive each secret under its own name. */
export const SECRET_NAME_PATTERN = "^[A-Z][A-Z0-9_]*$";

export const Secrets = Type.Array(
  Type.String({
    minLength: 1,
    maxLength: 128,
    pattern: SECRET_NAME_PATTERN,
    description: "Secret name: an upper-case environment variable name (letters, digits, underscores; a letter first), e.g. API_KEY.",
  }),
  {
    maxItems: 100,
    description:
      "Secrets stored as SSM SecureString parameters /<service>/<NAME>. The engine references them and never sets a value; containers and functions receive each one under its name.",
  },
);
export type Secrets = Static<typeof Secrets>;

/** `spec.secrets`: the names of the declared secrets. */
export type SecretsConfig = string[];

declare module "./index.js" {
  interface SectionConfigs {
    secrets: SecretsConfig;
  }
}
