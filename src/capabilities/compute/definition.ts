// `compute`: the service's container on ECS Fargate, and (derived) its place behind the shared load
// balancer, in Cloudflare DNS and behind Cloudflare Access.
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
  check: ({ config, error }) => checkCompute(config, error),
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
  environment: {
    CF_ACCESS_AUD: {
      capability: "compute",
      description: "Audience tag of the service's Cloudflare Access application; verify the Cf-Access-Jwt-Assertion header against it.",
      audience: "containers",
    },
  },
  nameLimits: { targetGroup: 32, ecsCluster: 255, ecsService: 255, ecsTaskFamily: 255 },
  derivedSteps: [
    {
      name: "networking",
      phase: "networking",
      summary: "target group, HTTPS listener rule, Cloudflare DNS record and Access application",
      appliesTo: (config) => config.spec.compute !== undefined,
      load: () => import("./networking.js"),
    },
  ],
  policyRules: COMPUTE_RULES,
  load: () => import("./provision.js"),
});
