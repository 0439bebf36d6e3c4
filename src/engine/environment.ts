// The environment variables the engine injects into workloads (containers and functions). Every
// name is declared here once, with its meaning, so docs and the spec checks read the same table.

export interface InjectedVariable {
  /** The capability that sets it. */
  capability: string;
  description: string;
  /** Who receives it. */
  audience: "containers" | "functions" | "all";
}

export const INJECTED_ENVIRONMENT = {
  PLATFORM_SERVICE_NAME: { capability: "engine", description: "The service's name (metadata.name).", audience: "all" },
  CF_ACCESS_AUD: {
    capability: "compute",
    description: "Audience tag of the service's Cloudflare Access application; verify the Cf-Access-Jwt-Assertion header against it.",
    audience: "containers",
  },
} satisfies Record<string, InjectedVariable>;

export type InjectedName = keyof typeof INJECTED_ENVIRONMENT;

export const INJECTED_NAMES: ReadonlySet<string> = new Set(Object.keys(INJECTED_ENVIRONMENT));
