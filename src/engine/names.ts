// Generated AWS names: `<service>-<suffix>`, shortened deterministically (truncated, plus a short
// hash of the full name) wherever a service name of up to 40 characters could exceed the AWS limit.
import { createHash } from "node:crypto";

/** Name length limits of the AWS resources the engine names. */
export const AWS_NAME_LIMITS = {
  targetGroup: 32,
  elasticacheReplicationGroup: 40,
  elasticacheSubnetGroup: 255,
  dbIdentifier: 63,
  dbSubnetGroup: 255,
  /** `name_prefix` leaves 26 characters of the 255 for Terraform's unique suffix. */
  dbParameterGroupPrefix: 229,
  dbSnapshot: 255,
  iamRole: 64,
  iamRolePolicy: 128,
  lambdaFunction: 64,
  ecrRepository: 256,
  ecsCluster: 255,
  ecsService: 255,
  ecsTaskFamily: 255,
  logGroup: 512,
  securityGroup: 255,
  scheduleGroup: 64,
  eventBus: 256,
  sqsQueue: 80,
  efsCreationToken: 64,
  cloudMapService: 127,
  dnsLabel: 63,
} as const;
export type NamedResource = keyof typeof AWS_NAME_LIMITS;

const HASH_LENGTH = 6;

/** A short, stable hex digest of the given parts. */
export function shortHash(...parts: Array<string | number>): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, HASH_LENGTH);
}

/**
 * Fits `name` into `limit` characters: unchanged when it fits, otherwise the longest prefix that
 * leaves room for `-<hash>`, without a trailing hyphen, so that distinct long names stay distinct.
 */
export function fitName(name: string, limit: number): string {
  if (name.length <= limit) return name;
  const hash = shortHash(name);
  const prefix = name.slice(0, limit - HASH_LENGTH - 1).replace(/-+$/, "");
  return `${prefix}-${hash}`;
}

/** `<service>-<suffix>` (or just `<service>`) fitted to the limit of the resource kind. */
export function resourceName(kind: NamedResource, service: string, ...suffix: string[]): string {
  return fitName([service, ...suffix].join("-"), AWS_NAME_LIMITS[kind]);
}

/**
 * A name that changes whenever a replacement-forcing value changes: `<service, shortened>-<hash>`.
 * With `create_before_destroy`, the new resource can then exist beside the old one.
 */
export function replacementName(kind: NamedResource, service: string, ...replacing: Array<string | number>): string {
  const hash = shortHash(...replacing);
  const room = AWS_NAME_LIMITS[kind] - HASH_LENGTH - 1;
  return `${service.slice(0, room).replace(/-+$/, "")}-${hash}`;
}
