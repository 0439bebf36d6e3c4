// The capability registry: the one place that knows which spec sections exist, in which phase each
// runs, what it requires, and what the derived Foundation phase must create for it. Handler modules
// are imported lazily, so a stack loads only the code (and provider classes) of what it declares.
import type { SpecPath } from "../config/diagnostics.js";
import { WEBHOOK_FUNCTION_NAME } from "../config/semantic.js";
import type { PlatformConfig, SectionConfigs, SectionName } from "../config/platform-config.js";
import type { CapabilityContext } from "./context.js";
import type { SectionPhase } from "./phases.js";
import { NFS_PORT, POSTGRES_PORT, REDIS_PORT } from "./ports.js";

export type CapabilityHandler<K extends SectionName> = (section: SectionConfigs[K], ctx: CapabilityContext) => void;
export type StepHandler = (ctx: CapabilityContext) => void;

/** A section that must be declared alongside another. */
export interface Precondition {
  /** At least one of these sections must be declared. */
  anyOf: readonly SectionName[];
  /** The precondition applies only when this holds (default: whenever the section is declared). */
  when?: (config: PlatformConfig) => boolean;
  /** Where the error points, below `spec` (default: the section's key). */
  at?: SpecPath;
  /** Why, in the words of the error. */
  because: string;
}

/** Security-group roles of the flat stack (one group each). */
export type SecurityGroupRole = "compute" | "lambda" | "storage" | "cache" | "database";

export interface SecurityGroupNeed {
  role: SecurityGroupRole;
  /** The group opens connections to the stack's data services (and HTTPS out). */
  client: boolean;
  /** The group accepts connections on a port: from the stack's client groups, or from the shared ALB. */
  ingress?: { port: number; from: "stack-clients" | "shared-alb"; what: string };
}

/** Who a role is for; grants can target every role of a kind. */
/** `gateway`: the built-in webhook gateway, which no grant to every function reaches. */
export type RoleAudience = "container-execution" | "container-task" | "function" | "gateway" | "scheduler";

export interface RoleNeed {
  /** Stable key, e.g. `compute.taskExecution`; also the basis of the logical id. */
  key: string;
  /** Service principal allowed to assume the role. */
  service: "ecs-tasks.amazonaws.com" | "lambda.amazonaws.com" | "scheduler.amazonaws.com";
  audience: RoleAudience;
  /** Name suffix: the role is named `<service>-<suffix>` (fitted to 64 characters). */
  nameSuffix: string;
  description: string;
  /** Narrows the trust to calls made for resources matching this ARN (`aws:SourceArn`). */
  sourceArn?: { service: string; resource: string };
}

export interface CapabilityDefinition<K extends SectionName = SectionName> {
  section: K;
  phase: SectionPhase;
  /** One line for `platform validate`. */
  summary: string;
  requires?: readonly Precondition[];
  securityGroups?: (section: SectionConfigs[K], config: PlatformConfig) => SecurityGroupNeed[];
  roles?: (section: SectionConfigs[K], config: PlatformConfig) => RoleNeed[];
  load: () => Promise<{ provision: CapabilityHandler<K> }>;
}

/** Steps no section names: derived from what is declared. */
export interface DerivedStep {
  name: "foundation" | "networking";
  phase: "foundation" | "networking";
  summary: string;
  appliesTo: (config: PlatformConfig) => boolean;
  load: () => Promise<{ provision: StepHandler }>;
}

type Registry = { [K in SectionName]?: CapabilityDefinition<K> };

/** Role of the spec function `name`. */
export const functionRoleKey = (name: string) => `lambda.${name}`;
/** Role of the webhook gateway's function. */
export const WEBHOOK_ROLE_KEY = "triggers.webhook";
/** Role EventBridge Scheduler assumes to run the schedules of the stack's group. */
export const SCHEDULER_ROLE_KEY = "triggers.scheduler";

/** A function's own role; `lambda-` keeps it apart from the stack's other role names. */
const functionRole = (key: string, name: string): RoleNeed => ({
  key,
  service: "lambda.amazonaws.com",
  audience: "function",
  nameSuffix: `lambda-${name}`,
  description: `The ${name} function runs with this role.`,
});

export const CAPABILITIES: Registry = {
  compute: {
    section: "compute",
    phase: "compute",
    summary: "ECR repository, ECS cluster, log group, Fargate task definition and service",
    securityGroups: (compute) => [{ role: "compute", client: true, ingress: { port: compute.port, from: "shared-alb", what: "the container port" } }],
    roles: () => [
      {
        key: "compute.taskExecution",
        service: "ecs-tasks.amazonaws.com",
        audience: "container-execution",
        nameSuffix: "task-execution",
        description: "ECS pulls the image, writes logs and reads secrets with this role.",
        sourceArn: { service: "ecs", resource: "*" },
      },
      {
        key: "compute.task",
        service: "ecs-tasks.amazonaws.com",
        audience: "container-task",
        nameSuffix: "task",
        description: "The running container acts with this role.",
        sourceArn: { service: "ecs", resource: "*" },
      },
    ],
    load: () => import("../capabilities/compute.js"),
  },
  storage: {
    section: "storage",
    phase: "infrastructure",
    summary: "EFS file system, a mount target per Availability Zone, access point, TLS-only file system policy, backup policy",
    securityGroups: () => [{ role: "storage", client: false, ingress: { port: NFS_PORT, from: "stack-clients", what: "NFS" } }],
    load: () => import("../capabilities/storage.js"),
  },
  cache: {
    section: "cache",
    phase: "infrastructure",
    summary: "ElastiCache subnet group and Redis replication group (TLS, encrypted at rest)",
    securityGroups: () => [{ role: "cache", client: false, ingress: { port: REDIS_PORT, from: "stack-clients", what: "Redis" } }],
    load: () => import("../capabilities/cache.js"),
  },
  database: {
    section: "database",
    phase: "infrastructure",
    summary: "DB subnet group, TLS-only parameter group, RDS PostgreSQL instance with an RDS-managed master password",
    securityGroups: () => [{ role: "database", client: false, ingress: { port: POSTGRES_PORT, from: "stack-clients", what: "PostgreSQL" } }],
    load: () => import("../capabilities/database.js"),
  },
  serviceDiscovery: {
    section: "serviceDiscovery",
    phase: "infrastructure",
    summary: "Cloud Map private DNS namespace and service; the ECS service registers its tasks in it",
    requires: [{ anyOf: ["compute"], because: "the ECS service is what registers in the Cloud Map namespace" }],
    load: () => import("../capabilities/service-discovery.js"),
  },
  lambda: {
    section: "lambda",
    phase: "compute",
    summary: "per function: container-image Lambda in the private subnets, log group, Function URL, ECR repository per image; EFS mount with storage",
    securityGroups: () => [{ role: "lambda", client: true }],
    roles: (lambda) => lambda.functions.map((fn) => functionRole(functionRoleKey(fn.name), fn.name)),
    load: () => import("../capabilities/lambda.js"),
  },
  triggers: {
    section: "triggers",
    // After lambda (section order within the phase): it reads the functions from the context.
    phase: "compute",
    summary: "EventBridge Scheduler group and the role its schedules run with; webhookGateway: public webhook function and the stack's event bus",
    requires: [
      {
        anyOf: ["lambda", "compute"],
        when: (config) => config.spec.triggers?.eventbridge !== undefined,
        at: ["triggers", "eventbridge"],
        because: "schedules invoke the stack's functions or run its task, so one of them must exist",
      },
    ],
    // The webhook is a function of the stack: it runs in the lambda group.
    securityGroups: (triggers) => (triggers.webhookGateway ? [{ role: "lambda", client: true }] : []),
    roles: (triggers) => [
      ...(triggers.eventbridge
        ? [
            {
              key: SCHEDULER_ROLE_KEY,
              service: "scheduler.amazonaws.com",
              audience: "scheduler",
              nameSuffix: "scheduler",
              description: `EventBridge Scheduler runs the schedules of group ${triggers.eventbridge.scheduleGroup} with this role.`,
              sourceArn: { service: "scheduler", resource: `schedule-group/${triggers.eventbridge.scheduleGroup}` },
            } satisfies RoleNeed,
          ]
        : []),
      // The built-in gateway gets only its own grants; a gateway of one's own image is a function like the others.
      ...(triggers.webhookGateway
        ? [{ ...functionRole(WEBHOOK_ROLE_KEY, WEBHOOK_FUNCTION_NAME), ...(triggers.webhook.image === undefined ? { audience: "gateway" as const } : {}) }]
        : []),
    ],
    load: () => import("../capabilities/triggers.js"),
  },
  secrets: {
    section: "secrets",
    phase: "infrastructure",
    summary: "SSM SecureString references /<service>/<NAME>, wired into workloads",
    load: () => import("../capabilities/secrets.js"),
  },
};

export const DERIVED_STEPS: readonly DerivedStep[] = [
  {
    name: "foundation",
    phase: "foundation",
    summary: "security groups and IAM roles for the declared sections",
    // Always runs; it creates only what the declared sections ask for (possibly nothing).
    appliesTo: () => true,
    load: () => import("../capabilities/foundation/index.js"),
  },
  {
    name: "networking",
    phase: "networking",
    summary: "target group, HTTPS listener rule, Cloudflare DNS record and Access application",
    appliesTo: (config) => config.spec.compute !== undefined,
    load: () => import("../capabilities/networking.js"),
  },
];

export function capabilityOf<K extends SectionName>(section: K): CapabilityDefinition<K> | undefined {
  return CAPABILITIES[section] as CapabilityDefinition<K> | undefined;
}
