// `spec.compute`: one container service on ECS Fargate behind the shared load balancer.
import Type, { type Static } from "typebox";
import { ENV_VAR_NAME_PATTERN, strict, type Resolved } from "./shared.js";

export const FARGATE_CPU_UNITS = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

export const Compute = Type.Object(
  {
    type: Type.Optional(Type.Enum(["ecs"], { default: "ecs", description: "Compute platform. Only `ecs` (ECS on Fargate) exists in v1." })),
    port: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, default: 80, description: "Port the container listens on; the load balancer forwards to it." }),
    ),
    environment: Type.Optional(
      Type.Record(Type.String({ pattern: ENV_VAR_NAME_PATTERN }), Type.String({ maxLength: 4096 }), {
        additionalProperties: false,
        default: {},
        description:
          "Plain environment variables of the container (names: a letter first, then letters, digits, underscores; at least two characters; together at most 16384 bytes). Values reach the container as written. Never put secrets here: declare them under spec.secrets.",
      }),
    ),
    command: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), {
        minItems: 1,
        maxItems: 64,
        description: "The container's command, one argument per item (overrides the image's CMD; the ENTRYPOINT stays). Unset: the image's CMD.",
      }),
    ),
    cpu: Type.Optional(
      Type.Enum([...FARGATE_CPU_UNITS], {
        default: 256,
        description: "Fargate CPU units for the task (1024 = 1 vCPU). Must form a valid Fargate pair with `memory`.",
      }),
    ),
    memory: Type.Optional(
      Type.Integer({
        minimum: 512,
        maximum: 122880,
        default: 512,
        description: "Task memory in MiB. Must form a valid Fargate pair with `cpu` (for 256 CPU: 512, 1024 or 2048).",
      }),
    ),
    instances: Type.Optional(
      Type.Object(
        {
          min: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 100, default: 1, description: "Number of tasks kept running (the service's desired count)." }),
          ),
          max: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 100,
              description:
                "Most tasks autoscaling may run. Unset: equal to `min`, no scaling. Above `min` it needs `scaling` with at least one target.",
            }),
          ),
        },
        { ...strict, default: {}, description: "How many tasks run." },
      ),
    ),
    scaling: Type.Optional(
      Type.Object(
        {
          cpuPercent: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 100, description: "Target average CPU use of the service's tasks, in percent. Unset: CPU does not drive scaling." }),
          ),
          memoryPercent: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 100, description: "Target average memory use of the service's tasks, in percent. Unset: memory does not drive scaling." }),
          ),
          requestsPerTarget: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 1000000,
              description: "Target number of load balancer requests per task per minute (ALBRequestCountPerTarget). Unset: requests do not drive scaling.",
            }),
          ),
          scaleInCooldown: Type.Optional(
            Type.Integer({ minimum: 0, maximum: 3600, default: 300, description: "Seconds after a scale-in before another scale-in may start." }),
          ),
          scaleOutCooldown: Type.Optional(
            Type.Integer({ minimum: 0, maximum: 3600, default: 60, description: "Seconds after a scale-out before another scale-out may start." }),
          ),
        },
        {
          ...strict,
          description:
            "Target-tracking autoscaling between `instances.min` and `instances.max`: one policy per target set; the service scales out when any target is exceeded and in when all allow it. Absent: no scaling (needs `instances.max` above `min` when present).",
        },
      ),
    ),
    healthCheck: Type.Optional(
      Type.Object(
        {
          path: Type.Optional(
            Type.String({
              pattern: "^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$",
              maxLength: 1024,
              default: "/health",
              description: "HTTP path the load balancer probes; must start with `/`. An answer with one of `successCodes` means healthy.",
            }),
          ),
          successCodes: Type.Optional(
            Type.String({
              pattern: "^[0-9]{3}(-[0-9]{3})?(,[0-9]{3}(-[0-9]{3})?)*$",
              maxLength: 256,
              default: "200",
              description: "HTTP codes that mean healthy, 200 to 499: single codes and ranges, comma-separated (`200,204`, `200-299`).",
            }),
          ),
          interval: Type.Optional(
            Type.Integer({ minimum: 5, maximum: 300, description: "Seconds between two probes of a task. Unset: AWS's default, 30." }),
          ),
          timeout: Type.Optional(
            Type.Integer({
              minimum: 2,
              maximum: 120,
              description: "Seconds without an answer that count as a failed probe; below `interval`. Unset: AWS's default for HTTP, 6.",
            }),
          ),
          healthyThreshold: Type.Optional(
            Type.Integer({ minimum: 2, maximum: 10, description: "Consecutive passed probes before a task counts as healthy. Unset: AWS's default, 3." }),
          ),
          unhealthyThreshold: Type.Optional(
            Type.Integer({ minimum: 2, maximum: 10, description: "Consecutive failed probes before a task counts as unhealthy. Unset: AWS's default, 3." }),
          ),
          gracePeriod: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: 2147483647,
              description:
                "Seconds after a task starts during which ECS ignores failed load balancer (and container) health checks, for slow starts. Unset: AWS's default, 0.",
            }),
          ),
          container: Type.Optional(
            Type.Object(
              {
                command: Type.String({
                  minLength: 1,
                  maxLength: 1024,
                  description: "Shell command run inside the container (`CMD-SHELL`; the image needs a shell); exit code 0 means healthy.",
                }),
                interval: Type.Optional(Type.Integer({ minimum: 5, maximum: 300, default: 30, description: "Seconds between two runs of the command." })),
                timeout: Type.Optional(Type.Integer({ minimum: 2, maximum: 60, default: 5, description: "Seconds a run may take before it counts as failed." })),
                retries: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 3, description: "Consecutive failed runs before the container is unhealthy." })),
                startPeriod: Type.Optional(
                  Type.Integer({ minimum: 0, maximum: 300, default: 0, description: "Seconds after start during which failed runs do not count against `retries`." }),
                ),
              },
              {
                ...strict,
                description:
                  "Container health check (Docker HEALTHCHECK, run by ECS); an unhealthy essential container is replaced. Absent: none (the image's own HEALTHCHECK is not used by ECS).",
              },
            ),
          ),
        },
        { ...strict, default: {}, description: "Load balancer, service and container health checks." },
      ),
    ),
    architecture: Type.Optional(
      Type.Enum(["x86_64", "arm64"], {
        default: "x86_64",
        description: "CPU architecture of the tasks; `arm64` runs on Graviton (about 20% cheaper for the same size) and needs an arm64 image.",
      }),
    ),
    capacity: Type.Optional(
      Type.Enum(["on-demand", "spot", "mixed"], {
        default: "on-demand",
        description:
          "Where tasks run: `on-demand` (Fargate), `spot` (Fargate Spot: up to 70% cheaper, tasks may be stopped with two minutes' notice), or `mixed` (the first `instances.min` tasks on demand, the rest on Spot). Spot runs `x86_64` and `arm64` tasks. From `on-demand` to `spot` or `mixed`, and between those two, the service is updated in place with a new deployment; back to `on-demand` the AWS provider refuses the plan (see docs/spec.md).",
      }),
    ),
    exec: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          "ECS Exec (`aws ecs execute-command`) into running tasks for debugging: adds the task role's Session Manager channel permissions and logs sessions to the service's log group.",
      }),
    ),
    access: Type.Optional(
      Type.Enum(["cloudflare-access", "public"], {
        default: "cloudflare-access",
        description:
          "Who may reach the service: `cloudflare-access` (people the account's Access policy admits; the task's Access proxy sidecar checks each request's Cf-Access-Jwt-Assertion, and `CF_ACCESS_AUD` lets the container check it again) or `public` (anyone: the DNS records stay proxied through Cloudflare, no Access application, no Access proxy, no `CF_ACCESS_AUD`; for customer-facing APIs and webhooks, which then authenticate callers themselves).",
      }),
    ),
    hostnames: Type.Optional(
      Type.Array(
        Type.String({
          minLength: 1,
          maxLength: 63,
          pattern: "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
          description:
            "One DNS label: the host is `<label>.<zone>` (`api` for api.<zone>). One level only, as the service's own name: Cloudflare's Universal SSL certificate (and a wildcard certificate on the load balancer) covers one level below the zone.",
        }),
        {
          default: [],
          maxItems: 16,
          description:
            "Extra host names in the Cloudflare zone for the same service, besides `<service>.<zone>`: each gets its proxied DNS record, the listener rule forwards it, and the Access application (if any) covers it. At most 4 (a listener rule holds 5 host values). No two stacks of one run may create the same host in one zone: environments sharing a zone set theirs apart under `environments.<env>.compute.hostnames`.",
        },
      ),
    ),
    listenerPriority: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 50000,
        description:
          "Priority of this service's rule on the shared HTTPS listener. Unset (the default): AWS assigns the next free priority. Set it only to pin an order.",
      }),
    ),
  },
  { ...strict, description: "Container service on ECS Fargate, exposed through the shared ALB, Cloudflare DNS and Cloudflare Access." },
);
export type Compute = Static<typeof Compute>;

/**
 * `spec.compute` with every default applied. Without a default (unset has a meaning of its own):
 * `listenerPriority` (AWS picks), `command` (the image's CMD), `instances.max` (equal to `min`),
 * `scaling` (no autoscaling; see ScalingConfig).
 */
export type ComputeConfig = Omit<Resolved<Compute, "listenerPriority" | "command">, "instances" | "scaling" | "healthCheck"> & {
  instances: { min: number; max?: number };
  scaling?: ScalingConfig;
  healthCheck: HealthCheckConfig;
};

/** `spec.compute.healthCheck` with its defaults applied; the fields without one keep AWS's default when unset. */
export interface HealthCheckConfig {
  path: string;
  successCodes: string;
  interval?: number;
  timeout?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
  gracePeriod?: number;
  container?: { command: string; interval: number; timeout: number; retries: number; startPeriod: number };
}

/** `spec.compute.scaling` with its defaults applied (the targets have none: unset, not used). */
export interface ScalingConfig {
  cpuPercent?: number;
  memoryPercent?: number;
  requestsPerTarget?: number;
  scaleInCooldown: number;
  scaleOutCooldown: number;
}

declare module "./index.js" {
  interface SectionConfigs {
    compute: ComputeConfig;
  }
}
