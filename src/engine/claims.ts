// The names a spec's stack takes in a space shared with other stacks: the account and region (IAM
// roles, functions, repositories, log groups...) or the shared VPC (Cloud Map namespaces). Two specs
// checked together must not take the same one: AWS would refuse the second stack's apply, or (an EFS
// creation token, a task family) silently hand it the first stack's resource.
import { compareDiagnostics, formatPath, pointRange, type Diagnostic, type SpecPath } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { WEBHOOK_FUNCTION_NAME } from "../capabilities/shared/lambda-runtime.js";
import { replacementName as fitReplacementName, resourceName as fitResourceName, type NamedResource } from "../capabilities/shared/names.js";
import { ACCESS_PROXY_PORT } from "../modules/compute/access-proxy.js";
import { AWS_NAME_LIMITS } from "./registry.js";

/** `<service>-<suffix...>` fitted to the limit of `kind`, as the capability context names it. */
const resourceName = (kind: NamedResource, service: string, ...suffix: string[]) => fitResourceName(AWS_NAME_LIMITS[kind], service, ...suffix);
const replacementName = (kind: NamedResource, service: string, ...replacing: Array<string | number>) => fitReplacementName(AWS_NAME_LIMITS[kind], service, ...replacing);

/** What kind of name, in which shared space. */
export type ClaimKind =
  | "service name"
  | "IAM role"
  | "Lambda function"
  | "ECR repository"
  | "ECS cluster"
  | "ECS task family"
  | "CloudWatch log group"
  | "target group"
  | "RDS instance identifier"
  | "DB subnet group"
  | "ElastiCache replication group"
  | "ElastiCache subnet group"
  | "EFS creation token"
  | "EventBridge event bus"
  | "EventBridge Scheduler schedule group"
  | "Cloud Map namespace"
  | "SQS queue"
  | "host name";

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

/** Target groups: port, protocol and target type replace them (see the networking step). */
export const targetGroupName = (service: string, port: number) => replacementName("targetGroup", service, port, "HTTP", "ip");

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

/** Every name the spec's stack takes in the account, region or shared VPC, with the field it comes from. */
export function claimedNames(config: PlatformConfig): NameClaim[] {
  const { spec, serviceName: service } = config;
  const claims: NameClaim[] = [];
  const claim = (kind: ClaimKind, name: string, path: SpecPath) => claims.push({ kind, name, path: formatPath(path), ...config.locate(path) });
  const fromService = (kind: ClaimKind, name: string) => claim(kind, name, ["metadata", "name"]);

  fromService("service name", service);
  if (spec.compute) {
    fromService("ECR repository", resourceName("ecrRepository", service));
    fromService("ECS cluster", resourceName("ecsCluster", service));
    fromService("ECS task family", resourceName("ecsTaskFamily", service));
    fromService("CloudWatch log group", `/ecs/${service}`);
    fromService("IAM role", resourceName("iamRole", service, "task-execution"));
    fromService("IAM role", resourceName("iamRole", service, "task"));
    // The ALB forwards to the Access proxy; with `access: public` (no proxy) to the container port.
    fromService("target group", targetGroupName(service, spec.compute.access === "public" ? spec.compute.port : ACCESS_PROXY_PORT));
  }
  const fn = (kind: ClaimKind, name: string, path: SpecPath) => claim(kind, name, path);
  const functionNames = (name: string, path: SpecPath) => {
    const functionName = resourceName("lambdaFunction", service, name);
    fn("Lambda function", functionName, path);
    fn("CloudWatch log group", `/aws/lambda/${functionName}`, path);
    fn("IAM role", resourceName("iamRole", service, `lambda-${name}`), path);
  };
  if (spec.lambda) {
    const images = new Set<string>();
    spec.lambda.functions.forEach((f, index) => {
      functionNames(f.name, ["spec", "lambda", "functions", index, "name"]);
      if (!images.has(f.image)) fn("ECR repository", resourceName("ecrRepository", service, f.image), ["spec", "lambda", "functions", index, "image"]);
      images.add(f.image);
    });
  }
  if (spec.triggers?.webhookGateway) {
    const at: SpecPath = ["spec", "triggers", "webhookGateway"];
    functionNames(WEBHOOK_FUNCTION_NAME, at);
    fn("ECR repository", resourceName("ecrRepository", service, WEBHOOK_FUNCTION_NAME), at);
    fn("EventBridge event bus", resourceName("eventBus", service, "events"), at);
  }
  if (spec.triggers?.eventbridge) {
    claim("EventBridge Scheduler schedule group", spec.triggers.eventbridge.scheduleGroup, ["spec", "triggers", "eventbridge", "scheduleGroup"]);
    fromService("IAM role", resourceName("iamRole", service, "scheduler"));
  }
  if (spec.database) {
    const identifier = resourceName("dbIdentifier", service);
    fromService("RDS instance identifier", identifier);
    fromService("DB subnet group", resourceName("dbSubnetGroup", service));
    for (const logType of ["postgresql", "upgrade"]) fromService("CloudWatch log group", `/aws/rds/instance/${identifier}/${logType}`);
  }
  if (spec.cache) {
    fromService("ElastiCache replication group", resourceName("elasticacheReplicationGroup", service));
    fromService("ElastiCache subnet group", resourceName("elasticacheSubnetGroup", service));
  }
  if (spec.storage) fromService("EFS creation token", resourceName("efsCreationToken", service));
  if (spec.serviceDiscovery) claim("Cloud Map namespace", spec.serviceDiscovery.namespace, ["spec", "serviceDiscovery", "namespace"]);
  if (spec.queue) {
    // `<service>` and `<service>-dlq`: the second can be another service's first.
    const fifo = spec.queue.fifo ? ".fifo" : "";
    fromService("SQS queue", `${resourceName("sqsQueue", service)}${fifo}`);
    fromService("SQS queue", `${resourceName("sqsQueue", service, "dlq")}${fifo}`);
  }
  // The bucket's name holds the account id and a hash of the region: unique wherever the service name is.
  return claims;
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
