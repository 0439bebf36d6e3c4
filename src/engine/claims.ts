// The names a spec's stack takes in a space shared with other stacks: the account and region (IAM
// roles, functions, repositories, log groups...) or the shared VPC (Cloud Map namespaces). Two specs
// checked together must not take the same one: AWS would refuse the second stack's apply, or (an EFS
// creation token, a task family) silently hand it the first stack's resource.
import { compareDiagnostics, formatPath, pointRange, type Diagnostic, type SpecPath } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import type { ClaimKind, NameClaims } from "../capabilities/shared/claims.js";
import { replacementName as fitReplacementName, resourceName as fitResourceName, type NamedResource } from "../capabilities/shared/names.js";
import { AWS_NAME_LIMITS, CAPABILITY_LIST } from "./registry.js";

export type { ClaimKind };

/** `<service>-<suffix...>` fitted to the limit of `kind`, as the capability context names it. */
const resourceName = (kind: NamedResource, service: string, ...suffix: string[]) => fitResourceName(AWS_NAME_LIMITS[kind], service, ...suffix);
const replacementName = (kind: NamedResource, service: string, ...replacing: Array<string | number>) => fitReplacementName(AWS_NAME_LIMITS[kind], service, ...replacing);

export interface NameClaim {
  kind: ClaimKind;
  name: string;
  /** The spec field the name comes from (`metadata.name` for names derived from the service). */
  path: string;
  line: number;
  column: number;
  /** A host name: the settings' SSM parameter naming its Cloudflare zone (its space), and the stack creating it. */
  zone?: string;
  stack?: string;
}

/**
 * The DNS names a stack creates in its Cloudflare zone: its own host, then its extra host names
 * (src/capabilities/compute/networking.ts names them the same way). Keyed by the zone's SSM
 * parameter: stacks reading one parameter share one zone.
 */
export function hostClaims(config: PlatformConfig, settings: { cloudflareZoneIdParameter: string; environmentZone?: boolean }): NameClaim[] {
  const compute = config.spec.compute;
  if (!compute) return [];
  const at = (label: string, path: SpecPath): NameClaim => ({
    kind: "host name",
    name: label,
    path: formatPath(config.displayPath?.(path) ?? path),
    ...config.locate(path),
    zone: settings.cloudflareZoneIdParameter,
    stack: config.serviceName,
  });
  const own = at(settings.environmentZone ? config.metadata.name : config.serviceName, ["metadata", "name"]);
  return [own, ...compute.hostnames.map((label, index) => at(label, ["spec", "compute", "hostnames", index]))];
}

const HOST_HINT = "give each environment its own host names (environments.<env>.compute.hostnames) or its own zone (cloudflareZoneIdParameter in the settings file); two stacks cannot share a host: the second one's DNS record fails, and its listener rule takes traffic for the first one's";

/**
 * Host names two stacks (of one spec's environments, or of the specs built together) would both
 * create in one zone: an error at the later one, in its own file. Own hosts are taken first, so an
 * extra host name is the one reported.
 */
export function hostCollisions(groups: ReadonlyArray<{ file: string; claims: readonly NameClaim[] }>): Diagnostic[] {
  const all = groups.flatMap(({ file, claims }) => claims.filter((c) => c.kind === "host name").map((claim) => ({ file, claim })));
  const ordered = [...all.filter((c) => c.claim.path === "metadata.name"), ...all.filter((c) => c.claim.path !== "metadata.name")];
  const first = new Map<string, { file: string; claim: NameClaim }>();
  const found: Diagnostic[] = [];
  for (const { file, claim } of ordered) {
    const key = keyOf(claim);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, { file, claim });
      continue;
    }
    // Within one stack, checkHostnames reports it.
    if (earlier.claim.stack === claim.stack) continue;
    const samePlace = earlier.file === file && earlier.claim.line === claim.line && earlier.claim.column === claim.column;
    found.push({
      severity: "error",
      code: "compute/host-taken",
      file,
      ...pointRange(claim.line, claim.column),
      path: claim.path,
      message: `host name "${claim.name}" in the Cloudflare zone of ${claim.zone} is created by both stack ${earlier.claim.stack} and stack ${claim.stack}${
        samePlace ? "" : ` (${earlier.claim.stack}'s at ${earlier.file}:${earlier.claim.line}:${earlier.claim.column}, ${earlier.claim.path})`
      }`,
      hint: HOST_HINT,
    });
  }
  return found.sort(compareDiagnostics);
}

/** hostCollisions among the stacks of one spec. */
export const hostCollisionsWithin = (file: string, claims: readonly NameClaim[]): Diagnostic[] => hostCollisions([{ file, claims }]);

/**
 * Every name the spec's stack takes in the account, region or shared VPC, with the field it comes
 * from: the service's own name, then what each declared section's unit claims (its definition's
 * `claims`), in registry order.
 */
export function claimedNames(config: PlatformConfig): NameClaim[] {
  const { spec, serviceName: service } = config;
  const found: NameClaim[] = [];
  const claims: NameClaims = {
    service,
    name: (kind, ...suffix) => resourceName(kind, service, ...suffix),
    replacementName: (kind, ...replacing) => replacementName(kind, service, ...replacing),
    claim: (kind, name, path) => found.push({ kind, name, path: formatPath(path), ...config.locate(path) }),
    fromService: (kind, name) => claims.claim(kind, name, ["metadata", "name"]),
    functionNames: (name, path) => {
      const functionName = resourceName("lambdaFunction", service, name);
      claims.claim("Lambda function", functionName, path);
      claims.claim("CloudWatch log group", `/aws/lambda/${functionName}`, path);
      claims.claim("IAM role", resourceName("iamRole", service, `lambda-${name}`), path);
    },
  };
  claims.fromService("service name", service);
  for (const definition of CAPABILITY_LIST) {
    const section = (spec as Record<string, unknown>)[definition.section];
    if (section !== undefined && definition.claims) (definition.claims as (section: unknown, claims: NameClaims, config: PlatformConfig) => void)(section, claims, config);
  }
  return found;
}

/** Names AWS compares without regard to case. */
const CASE_INSENSITIVE: ReadonlySet<ClaimKind> = new Set(["IAM role", "Cloud Map namespace", "target group", "host name"]);
const keyOf = (claim: NameClaim) => `${claim.kind}\u0000${claim.zone ?? ""}\u0000${CASE_INSENSITIVE.has(claim.kind) ? claim.name.toLowerCase() : claim.name}`;

export interface ClaimingSpec {
  file: string;
  claims: NameClaim[];
}

const WHERE: Partial<Record<ClaimKind, string>> = { "Cloud Map namespace": "in the shared VPC" };

/**
 * For each spec (by index) that takes a name an earlier spec already takes, one error per name,
 * naming both files and positions. A spec with another's service name gets that error only.
 */
export function nameCollisions(specs: ReadonlyArray<ClaimingSpec | undefined>): Map<number, Diagnostic[]> {
  const first = new Map<string, { file: string; claim: NameClaim }>();
  const found = new Map<number, Diagnostic[]>();
  specs.forEach((spec, index) => {
    if (!spec) return;
    const own: Diagnostic[] = [];
    for (const claim of spec.claims) {
      const key = keyOf(claim);
      const earlier = first.get(key);
      if (!earlier) continue;
      const there = `${earlier.file}:${earlier.claim.line}:${earlier.claim.column} (${earlier.claim.path})`;
      if (claim.kind === "service name") {
        own.splice(0, own.length, {
          severity: "error",
          code: "service/duplicate-name",
          file: spec.file,
          ...pointRange(claim.line, claim.column),
          path: claim.path,
          message: `service name "${claim.name}" is also used by ${there}`,
          hint: "each service has one stack and one state; give each spec its own name",
        });
        break;
      }
      if (claim.kind === "host name") {
        own.push({
          severity: "error",
          code: "compute/host-taken",
          file: spec.file,
          ...pointRange(claim.line, claim.column),
          path: claim.path,
          message: `host name "${claim.name}" in the Cloudflare zone of ${claim.zone} is also created by ${there}`,
          hint: HOST_HINT,
        });
        continue;
      }
      own.push({
        severity: "error",
        code: "service/name-taken",
        file: spec.file,
        ...pointRange(claim.line, claim.column),
        path: claim.path,
        message: `${claim.kind} name "${claim.name}" is also taken by ${there}; it must be unique ${WHERE[claim.kind] ?? "in the account and region"}`,
        hint: claim.path === "metadata.name" ? "rename one of the services" : `change ${claim.path} here or in ${earlier.file}`,
      });
    }
    // The first spec to take a name keeps it; later ones are reported against the first.
    for (const claim of spec.claims) if (!first.has(keyOf(claim))) first.set(keyOf(claim), { file: spec.file, claim });
    if (own.length > 0) found.set(index, own.sort(compareDiagnostics));
  });
  return found;
}
