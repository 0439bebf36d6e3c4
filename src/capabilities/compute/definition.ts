// `compute`: the service's container on ECS Fargate, and (derived) its place behind the shared load
// balancer, in Cloudflare DNS and behind Cloudflare Access.
import { ACCESS_PROXY_PORT } from "../../modules/compute/access-proxy.js";
import { defineCapability } from "../shared/definition.js";
import { checkCompute } from "./check.js";
import { COMPUTE_RULES } from "./policy.js";

declare module "../shared/needs.js" {
  interface StackRoleKeys {
    "compute.taskExecution": true;
    "compute.task": true;
  }
}
declare module "../shared/environment.js" {
  interface InjectedVariables {
    CF_ACCESS_AUD: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    targetGroup: true;
    ecsCluster: true;
    ecsService: true;
    ecsTaskFamily: true;
  }
}

export const compute = defineCapability({
  section: "compute",
  phase: "compute",
  summary: "ECR repository, ECS cluster, log group, Fargate task definition and service",
  // For `preview`: what this spec's compute fields add (scaling, Spot, Graviton, Exec).
  describe: (compute) => {
    const { min, max } = compute.instances;
    const plural = (n: number) => `${n} task${n === 1 ? "" : "s"}`;
    const scaling = compute.scaling;
    const targets = scaling ? [scaling.cpuPercent !== undefined ? `CPU ${scaling.cpuPercent}%` : "", scaling.memoryPercent !== undefined ? `memory ${scaling.memoryPercent}%` : ""].filter(Boolean) : [];
    return [
      "ECR repository, ECS cluster, log group, Fargate task definition and service",
      ...(scaling && max !== undefined ? [`autoscaling between ${min} and ${plural(max)}${targets.length > 0 ? ` (target tracking on ${targets.join(", ")})` : ""}`] : []),
      ...(compute.capacity === "spot" ? ["tasks on Fargate Spot"] : compute.capacity === "mixed" ? [`the first ${plural(min)} on demand, the rest on Fargate Spot`] : []),
      ...(compute.architecture === "arm64" ? ["arm64 (Graviton)"] : []),
      ...(compute.exec ? ["ECS Exec, its sessions logged"] : []),
    ].join("; ");
  },
  check: ({ config, injectedNames, error, warning }) => checkCompute(config, injectedNames, error, warning),
  // The ALB reaches the Access proxy sidecar (the Networking step adds its health checks of the
  // container port); with `access: public` there is no proxy and it reaches the container port.
  securityGroups: (compute) => [
    compute.access === "public"
      ? { role: "compute", client: true, ingress: { port: compute.port, from: "shared-alb", what: "the container port" } }
      : { role: "compute", client: true, ingress: { port: ACCESS_PROXY_PORT, from: "shared-alb", what: "the Cloudflare Access proxy" } },
  ],
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
  environment: {
    CF_ACCESS_AUD: {
      capability: "compute",
      description:
        "Audience tag of the service's Cloudflare Access application. The task's Access proxy already admits only requests whose Cf-Access-Jwt-Assertion is valid for it; a container may check the header again (defense in depth) or read the user's identity from it. Not set with `compute.access: public` (no Access application, no proxy).",
      audience: "containers",
    },
  },
  claims: (compute, claims) => {
    claims.fromService("ECR repository", claims.name("ecrRepository"));
    claims.fromService("ECS cluster", claims.name("ecsCluster"));
    claims.fromService("ECS task family", claims.name("ecsTaskFamily"));
    claims.fromService("CloudWatch log group", `/ecs/${claims.service}`);
    claims.fromService("IAM role", claims.name("iamRole", "task-execution"));
    claims.fromService("IAM role", claims.name("iamRole", "task"));
    // The ALB forwards to the Access proxy; with `access: public` (no proxy) to the container port
    // (named as the networking step names it: port, protocol and target type replace it).
    claims.fromService("target group", claims.replacementName("targetGroup", compute.access === "public" ? compute.port : ACCESS_PROXY_PORT, "HTTP", "ip"));
  },
  nameLimits: { targetGroup: 32, ecsCluster: 255, ecsService: 255, ecsTaskFamily: 255 },
  derivedSteps: [
    {
      name: "networking",
      phase: "networking",
      summary: "target group, HTTPS listener rule, Cloudflare DNS record and Access application",
      describe: (config) => {
        const compute = config.spec.compute!;
        const hosts = 1 + (compute.hostnames?.length ?? 0);
        const dns = hosts === 1 ? "Cloudflare DNS record" : `${hosts} Cloudflare DNS records`;
        const requests = compute.scaling?.requestsPerTarget !== undefined && compute.instances.max !== undefined ? `, request-count scaling policy (${compute.scaling.requestsPerTarget} per task)` : "";
        return compute.access === "public"
          ? `target group, HTTPS listener rule, ${dns}${requests}; public: no Access application`
          : `target group, HTTPS listener rule, ${dns}${requests} and Access application`;
      },
      appliesTo: (config) => config.spec.compute !== undefined,
      load: () => import("./networking.js"),
    },
  ],
  policyRules: COMPUTE_RULES,
  starter: () => [
    "  # A container on ECS Fargate behind the shared load balancer (docs/spec.md#compute).",
    "  compute:",
    "    port: 8080",
    "    cpu: 256 # CPU units: 1024 is one vCPU",
    "    memory: 512 # MiB",
    "    instances:",
    "      min: 2",
    "    healthCheck:",
    "      path: /healthz",
  ],
  load: () => import("./provision.js"),
});
