// The names a section's stack takes in a space shared with other stacks (the account and region, or
// the shared VPC). Each unit declares its own in its definition (`claims`); the engine collects them
// for every spec of a run and refuses two specs that take one name (src/engine/claims.ts).
import type { SpecPath } from "../../config/diagnostics.js";
import type { NamedResource } from "./names.js";

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

/** What a unit's `claims` declares its names with. */
export interface NameClaims {
  /** The service's name (the stack's, `<service>-<env>` for an environment). */
  readonly service: string;
  /** `<service>-<suffix...>` fitted to the limit of `kind`, as the capability context names it. */
  name(kind: NamedResource, ...suffix: string[]): string;
  /** A name that changes with the attributes that replace its resource (see replacementName). */
  replacementName(kind: NamedResource, ...replacing: Array<string | number>): string;
  /** A name the spec field at `path` takes. */
  claim(kind: ClaimKind, name: string, path: SpecPath): void;
  /** A name derived from the service's name alone (positioned at `metadata.name`). */
  fromService(kind: ClaimKind, name: string): void;
  /** The names of one Lambda function of the stack (function, log group, role), for the field at `path`. */
  functionNames(name: string, path: SpecPath): void;
}
