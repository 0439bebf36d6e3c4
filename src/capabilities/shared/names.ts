// Generated AWS names: `<service>-<suffix>`, shortened deterministically (truncated, plus a short
// hash of the full name) wherever a service name of up to 40 characters could exceed the AWS limit.
import { createHash } from "node:crypto";

/**
 * Kinds of AWS names the engine generates. Each unit adds the kinds it names through declaration
 * merging in its definition.ts (`declare module "../shared/names.js" { interface NameLimits {
 * dbIdentifier: true } }`) and gives their limits in its definition's `nameLimits`; the registry
 * collects them (AWS_NAME_LIMITS).
 */
export interface NameLimits {
  iamRole: true;
  iamRolePolicy: true;
  securityGroup: true;
  logGroup: true;
  ecrRepository: true;
  lambdaFunction: true;
}
export type NamedResource = keyof NameLimits & string;

/** Limits of the names the shared pieces generate (roles, security groups, log groups, repositories, functions). */
export const SHARED_NAME_LIMITS = {
  iamRole: 64,
  iamRolePolicy: 128,
  ecrRepository: 256,
  logGroup: 512,
  /** `name_prefix` with its hyphen leaves 26 characters of the 255 for Terraform's unique suffix. */
  securityGroup: 228,
  lambdaFunction: 64,
} as const satisfies Partial<Record<NamedResource, number>>;

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

/** `<service>-<suffix>` (or just `<service>`) fitted to `limit`. */
export function resourceName(limit: number, service: string, ...suffix: string[]): string {
  return fitName([service, ...suffix].join("-"), limit);
}

/**
 * A name that changes whenever a replacement-forcing value changes: `<service, shortened>-<hash>`.
 * With `create_before_destroy`, the new resource can then exist beside the old one. The hash covers
 * the whole service name too: the kept prefix alone would give two services that share it (e.g.
 * `customer-notification-preferences-center` and `-api`) the same account-wide name.
 */
export function replacementName(limit: number, service: string, ...replacing: Array<string | number>): string {
  const hash = shortHash(service, ...replacing);
  const room = limit - HASH_LENGTH - 1;
  return `${service.slice(0, room).replace(/-+$/, "")}-${hash}`;
}
