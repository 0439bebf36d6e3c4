// `spec.compute`: one container service on ECS Fargate behind the shared load balancer.
import Type, { type Static } from "typebox";
import { strict, type Resolved } from "./shared.js";

export const FARGATE_CPU_UNITS = [256, 512, 1024, 2048, 4096, 8192, 16384] as const;

export const Compute = Type.Object(
  {
    type: Type.Optional(Type.Enum(["ecs"], { default: "ecs", description: "Compute platform. Only `ecs` (ECS on Fargate) exists in v1." })),
    port: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 65535, default: 80, description: "Port the container listens on; the load balancer forwards to it." }),
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
        },
        { ...strict, default: {}, description: "How many tasks run." },
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
              description: "HTTP path the load balancer probes; must start with `/`. A 200 answer means healthy.",
            }),
          ),
        },
        { ...strict, default: {}, description: "Load balancer health check." },
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

/** `spec.compute` with every default applied (`listenerPriority` has none: unset, AWS picks). */
export type ComputeConfig = Resolved<Compute, "listenerPriority">;

declare module "./index.js" {
  interface SectionConfigs {
    compute: ComputeConfig;
  }
}
