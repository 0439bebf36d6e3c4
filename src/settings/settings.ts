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
    allowedAccountIds: Type.Array(Type.String({ pattern: "^\\d{12}$" }), {
      maxItems: 50,
      default: [],
      description:
        "AWS account ids (12 digits) the stacks may be applied to: the AWS provider's `allowed_account_ids`, so Terraform refuses credentials of any other account. As a flag or variable: comma-separated. Empty: any account (not emitted).",
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
export type SettingName = keyof Static<typeof EngineSettings>;
export type EngineSettings = Static<typeof EngineSettings> & {
  /**
   * Derived, not a setting of its own: the stack's environment has a Cloudflare zone of its own (its
   * block in the settings file names a zone-id parameter other than the shared one), so its host is
   * `<name>.<zone>` rather than `<name>-<env>.<zone>` (src/settings/sources.ts).
   */
  environmentZone?: boolean;
};

const SETTING_NAMES = Object.keys(EngineSettings.properties) as SettingName[];

/** `stateBucket` -> `PLATFORM_STATE_BUCKET`. */
export const envVarFor = (name: SettingName) => `PLATFORM_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
/** `stateBucket` -> `--state-bucket`. */
export const flagFor = (name: SettingName) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** Where a settings value was written in the settings file. */
export interface SettingPosition {
  file: string;
  line: number;
  column: number;
  /** `environments.prod.backend`. */
  path: string;
}

export class SettingsError extends Error {
  constructor(
    message: string,
    /** The settings file position of the value at fault, when it came from the file. */
    readonly position?: SettingPosition,
  ) {
    super(message);
  }
}

/**
 * Values of some settings from one level below the flags and variables (the settings file's
 * defaults, or its block for one environment): already schema-checked, each with where it was
 * written (`platform-settings.yaml:4:11`), for messages.
 */
export interface SettingsLayer {
  values: Partial<Record<SettingName, unknown>>;
  origins: Partial<Record<SettingName, string>>;
  positions?: Partial<Record<SettingName, SettingPosition>>;
}

/** What `--allowed-account-ids 111111111111,222222222222` means: the list, without blanks. */
const listOf = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");

/** A flag or variable's text as the setting's type (numbers and lists are written as text there). */
function parseText(name: SettingName, text: string): unknown {
  const schema = EngineSettings.properties[name] as { type?: string; enum?: unknown[] };
  if (schema.type === "array") return listOf(text);
  const numeric = schema.type === "integer" || (schema.enum ?? []).every((v) => typeof v === "number");
  return numeric && /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Resolves the settings, each from the highest level that gives it: flag, else `PLATFORM_*`
 * variable, else the `layers` from the last to the first (the settings file's environment block,
 * then its defaults), else the engine default. Throws SettingsError naming where an invalid value
 * came from (the flag, the variable or the file position).
 */
export function resolveSettings(
  flags: Partial<Record<SettingName, string>> = {},
  env: NodeJS.ProcessEnv = process.env,
  layers: readonly SettingsLayer[] = [],
): EngineSettings {
  return resolveWithOrigins(flags, env, layers).settings;
}

/** As resolveSettings, with where each setting came from (`--region`, `PLATFORM_REGION`, a file position; absent: the engine default). */
export function resolveWithOrigins(
  flags: Partial<Record<SettingName, string>> = {},
  env: NodeJS.ProcessEnv = process.env,
  layers: readonly SettingsLayer[] = [],
): { settings: EngineSettings; origins: Partial<Record<SettingName, string>> } {
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  const position: Partial<Record<SettingName, SettingPosition>> = {};
  for (const name of SETTING_NAMES) {
    const fromFlag = flags[name];
    const fromEnv = env[envVarFor(name)];
    const text = fromFlag ?? fromEnv;
    if (text !== undefined) {
      origin[name] = fromFlag !== undefined ? flagFor(name) : envVarFor(name);
      raw[name] = parseText(name, text);
      continue;
    }
    const layer = [...layers].reverse().find((each) => each.values[name] !== undefined);
    if (!layer) continue;
    origin[name] = layer.origins[name] ?? name;
    const at = layer.positions?.[name];
    if (at) position[name] = at;
    raw[name] = structuredClone(layer.values[name]);
  }
  const settings = Value.Default(EngineSettings, raw) as EngineSettings;
  const errors = [...Value.Errors(EngineSettings, settings)];
  if (errors.length > 0) {
    const first = errors[0]!;
    const name = first.instancePath.slice(1).split("/")[0] as SettingName;
    const allowed = (EngineSettings.properties[name] as { enum?: unknown[] } | undefined)?.enum;
    const shown = Array.isArray(raw[name]) ? (raw[name] as unknown[]).join(",") : raw[name];
    throw new SettingsError(
      `invalid setting ${origin[name] ?? name}=${JSON.stringify(shown)}: ${allowed ? `must be one of ${allowed.join(", ")}` : first.message}`,
      position[name],
    );
  }
  if (settings.backend === "cloud" && settings.cloudOrganization === "") {
    const from = origin.backend ? `; "cloud" comes from ${origin.backend}` : "";
    throw new SettingsError(
      `backend "cloud" needs an organization: set ${flagFor("cloudOrganization")} or ${envVarFor("cloudOrganization")}, or cloudOrganization in the platform settings file${from}`,
      position.backend,
    );
  }
  return { settings, origins: origin as Partial<Record<SettingName, string>> };
}

/** The region of the state bucket (defaults to the stack region). */
export const stateRegionOf = (settings: EngineSettings) => settings.stateRegion || settings.region;

export const SETTINGS_FLAGS: ReadonlyMap<string, SettingName> = new Map(SETTING_NAMES.map((name) => [flagFor(name), name]));
