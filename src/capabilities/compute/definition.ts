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
  check: ({ config, error }) => checkCompute(config, error),
  // The ALB reaches the Access proxy sidecar; the Networking step adds its health checks of the container port.
  securityGroups: () => [{ role: "compute", client: true, ingress: { port: ACCESS_PROXY_PORT, from: "shared-alb", what: "the Cloudflare Access proxy" } }],
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
        "Audience tag of the service's Cloudflare Access application. The task's Access proxy already admits only requests whose Cf-Access-Jwt-Assertion is valid for it; a container may check the header again (defense in depth) or read the user's identity from it.",
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
