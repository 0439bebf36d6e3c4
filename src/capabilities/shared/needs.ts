// What a unit asks the derived Foundation step to create for it: security groups and IAM roles.

/** Security-group roles of the flat stack (one group each). */
export type SecurityGroupRole = "compute" | "lambda" | "storage" | "cache" | "database";

export interface SecurityGroupNeed {
  role: SecurityGroupRole;
  /** The group opens connections to the stack's data services (and HTTPS out). */
  client: boolean;
  /** The group accepts connections on a port: from the stack's client groups, or from the shared ALB. */
  ingress?: { port: number; from: "stack-clients" | "shared-alb"; what: string };
}

/**
 * Keys of the stack's IAM roles, one entry per role a unit asks Foundation for. Each unit adds its
 * own through declaration merging in its definition.ts
 * (`declare module "../shared/needs.js" { interface StackRoleKeys { "compute.task": true } }`),
 * so a grant to a role no unit defines does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface StackRoleKeys {}
export type RoleKey = keyof StackRoleKeys & string;

/** Who a role is for; grants can target every role of a kind. */
/** `webhook`: the public webhook function, which grants to every function (data, file system) pass by. */
export type RoleAudience = "container-execution" | "container-task" | "function" | "webhook" | "scheduler";

export interface RoleNeed {
  /** Stable key, e.g. `compute.taskExecution`; also the basis of the logical id. */
  key: RoleKey;
  /** Service principal allowed to assume the role. */
  service: "ecs-tasks.amazonaws.com" | "lambda.amazonaws.com" | "scheduler.amazonaws.com";
  audience: RoleAudience;
  /** Name suffix: the role is named `<service>-<suffix>` (fitted to 64 characters). */
  nameSuffix: string;
  description: string;
  /** Narrows the trust to calls made for resources matching this ARN (`aws:SourceArn`). */
  sourceArn?: { service: string; resource: string };
}

