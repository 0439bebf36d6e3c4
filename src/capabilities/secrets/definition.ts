// `secrets`: names of SSM SecureString parameters, wired into workloads; never values.
import { defineCapability } from "../shared/definition.js";
import { checkSecrets, checkSecretsForFunctions } from "./check.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    PLATFORM_SECRETS_PATH: true;
    PLATFORM_SECRET_NAMES: true;
  }
}

export const secrets = defineCapability({
  section: "secrets",
  phase: "infrastructure",
  summary: "SSM SecureString references /<service>/<NAME>, wired into workloads",
  check: ({ config, injectedNames, error }) => {
    checkSecrets(config, injectedNames, error);
    checkSecretsForFunctions(config, error);
  },
  // Alone, secrets are references to nothing: a spec must declare something that uses them.
  provisions: false,
  environment: {
    PLATFORM_SECRETS_PATH: {
      capability: "secrets",
      description:
        "SSM path of the declared secrets, `/<service>/`: read each as the SecureString `<path><NAME>` (GetParameters with decryption). Set only when spec.secrets lists any. The webhook function does not receive it: it reads exactly its own secret (PLATFORM_WEBHOOK_SECRET_PARAMETER).",
      audience: "functions",
    },
    PLATFORM_SECRET_NAMES: {
      capability: "secrets",
      description:
        "Comma-separated names of the declared secrets (spec.secrets order); read each as `<PLATFORM_SECRETS_PATH><NAME>`. Never values. Counts toward Lambda's 4 KB of variables, which validation checks.",
      audience: "functions",
    },
  },
  starter: () => ["  # Names of SSM SecureString parameters /<service>/<NAME>, given to compute and the functions.", "  secrets:", "    - EXAMPLE_API_KEY"],
  load: () => import("./provision.js"),
});
