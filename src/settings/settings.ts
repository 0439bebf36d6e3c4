// Engine settings: facts about the shared environment and where state lives. Not part of any spec;
// each has a documented default, a `PLATFORM_*` environment variable and a command-line flag.
import Type, { type Static } from "typebox";
import { Value } from "typebox/value";

/** CloudWatch Logs accepts only these retention periods (days). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const EngineSettings = Type.Object(
  {
    region: Type.String({ pattern: "^[a-z]{2}(-[a-z]+)+-\\d$", default: "us-east-1", description: "AWS region every stack deploys to." }),
    backend: Type.Enum(["s3", "cloud"], {
      default: "s3",
      description: "Where Terraform keeps state: `s3` (one key per service in the state bucket) or `cloud` (HCP Terraform, one workspace per service).",
    }),
    stateBucket: Type.String({
      pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
      default: "platform-engine-terraform-state",
      description: "S3 bucket holding every stack's state under platform/<name>/terraform.tfstate.",
    }),
    stateRegion: Type.String({ default: "", description: "Region of the state bucket; empty means the same as `region`." }),
    stateEndpoint: Type.String({
      default: "",
      description: "S3 endpoint URL for state (an S3-compatible server). Empty means AWS. When set, path-style addressing is used and AWS-only credential checks are skipped.",
    }),
    cloudOrganization: Type.String({ default: "", description: "HCP Terraform organization; required when backend is `cloud`." }),
    cloudHostname: Type.String({ default: "app.terraform.io", description: "HCP Terraform (or Terraform Enterprise) hostname for the `cloud` backend." }),
    cloudWorkspacePrefix: Type.String({
      pattern: "^[A-Za-z0-9_-]*$",
      default: "",
      description: "Prefix of each service's HCP Terraform workspace name (<prefix><service>).",
    }),
    privateSubnetTag: Type.String({
      pattern: "^[^=]+=.*$",
      default: "network=private",
      description: "Tag (key=value) that marks the shared VPC's private subnets; stacks use those in the shared ALB's VPC.",
    }),
    albName: Type.String({ default: "product-external-alb", description: "Name of the shared, pre-existing application load balancer." }),
    httpsListenerPort: Type.Integer({ minimum: 1, maximum: 65535, default: 443, description: "Port of the shared ALB's HTTPS listener." }),
    cloudflareZoneIdParameter: Type.String({ pattern: "^/", default: "/cloudflare/zone_id", description: "SSM parameter holding the Cloudflare zone id." }),
    cloudflareTokenParameter: Type.String({
      pattern: "^/",
      default: "/cloudflare/platform_infra_token",
      description: "SSM SecureString holding the Cloudflare API token; read ephemerally, never stored in state.",
    }),
    cloudflareAccessPolicyParameter: Type.String({
      pattern: "^/",
      default: "/cloudflare/access_policy_id",
      description: "SSM parameter holding the id of the reusable Cloudflare Access policy applied to every service.",
    }),
    accessProxyImage: Type.String({
      minLength: 1,
      default: "envoyproxy/envoy:v1.34.1",
      description:
        "Envoy image of the sidecar that checks each request's Cloudflare Access token before it reaches a service's container (pin a version; mirror it to a private registry if Docker Hub's pull limits matter).",
    }),
    logRetentionDays: Type.Enum([...LOG_RETENTION_DAYS], { default: 30, description: "Days CloudWatch keeps the stack's logs." }),
    ecrKeepImages: Type.Integer({
      minimum: 0,
      maximum: 10000,
      default: 0,
      description:
        "0: tagged images never expire (the image in service, and a rollback's, stay pullable); untagged ones expire 14 days after their push. N: tagged images beyond the newest N expire too, which removes a running image if more than N builds are pushed between deploys.",
    }),
  },
  { additionalProperties: false, description: "Settings of the engine itself (not of a service)." },
);
export type EngineSettings = Static<typeof EngineSettings>;
export type SettingName = keyof EngineSettings;

const SETTING_NAMES = Object.keys(EngineSettings.properties) as SettingName[];

/** `stateBucket` -> `PLATFORM_STATE_BUCKET`. */
export const envVarFor = (name: SettingName) => `PLATFORM_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
/** `stateBucket` -> `--state-bucket`. */
export const flagFor = (name: SettingName) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export class SettingsError extends Error {}

/**
 * Resolves the settings: flag value, else environment variable, else default. Throws
 * SettingsError naming the flag or variable when a value is invalid.
 */
export function resolveSettings(flags: Partial<Record<SettingName, string>> = {}, env: NodeJS.ProcessEnv = process.env): EngineSettings {
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  for (const name of SETTING_NAMES) {
    const fromFlag = flags[name];
    const fromEnv = env[envVarFor(name)];
    const text = fromFlag ?? fromEnv;
    if (text === undefined) continue;
    origin[name] = fromFlag !== undefined ? flagFor(name) : envVarFor(name);
    const schema = EngineSettings.properties[name] as { type?: string; enum?: unknown[] };
    const numeric = schema.type === "integer" || (schema.enum ?? []).every((v) => typeof v === "number");
    raw[name] = numeric && /^\d+$/.test(text) ? Number(text) : text;
  }
  const settings = Value.Default(EngineSettings, raw) as EngineSettings;
  const errors = [...Value.Errors(EngineSettings, settings)];
  if (errors.length > 0) {
    const first = errors[0]!;
    const name = first.instancePath.slice(1) as SettingName;
    const allowed = (EngineSettings.properties[name] as { enum?: unknown[] } | undefined)?.enum;
    throw new SettingsError(
      `invalid setting ${origin[name] ?? name}=${JSON.stringify(raw[name])}: ${allowed ? `must be one of ${allowed.join(", ")}` : first.message}`,
    );
  }
  if (settings.backend === "cloud" && settings.cloudOrganization === "") {
    throw new SettingsError(`backend "cloud" needs an organization: set ${flagFor("cloudOrganization")} or ${envVarFor("cloudOrganization")}`);
  }
  return settings;
}

/** The region of the state bucket (defaults to the stack region). */
export const stateRegionOf = (settings: EngineSettings) => settings.stateRegion || settings.region;

export const SETTINGS_FLAGS: ReadonlyMap<string, SettingName> = new Map(SETTING_NAMES.map((name) => [flagFor(name), name]));
