// The derived Networking phase (whenever `compute` is declared): the service's target group and
// host rule on the shared HTTPS listener, its proxied Cloudflare name and its Access application.
import { dependable } from "../../../providers/cdktf.js";
import { DataCloudflareZeroTrustOrganization } from "../../../providers/cloudflare/data-cloudflare-zero-trust-organization.js";
import type { CapabilityContext } from "../shared/context.js";
import { sectionOf } from "../../config/platform-config.js";
import { ACCESS_PROXY_CONTAINER, ACCESS_PROXY_PORT } from "../../modules/compute/access-proxy.js";
import { accessApplication } from "../../modules/networking/access-application.js";
import { proxiedCname } from "../../modules/networking/dns-record.js";
import { ingressFromEachGroup } from "../../modules/networking/security-group.js";
import { hostListenerRule } from "../../modules/networking/listener-rule.js";
import { targetGroup } from "../../modules/networking/target-group.js";
import { CloudflareEdge } from "../../shared/cloudflare.js";

/** The ALB speaks HTTP to targets; TLS ends at the shared listener (and again at Cloudflare). */
const TARGET_PROTOCOL = "HTTP";

export function provision(ctx: CapabilityContext): void {
  const compute = sectionOf(ctx.config, "compute");
  const { scope, infra, serviceName, workload } = ctx;
  const service = ctx.require("compute.service");
  const edge = new CloudflareEdge(scope, infra);
  const host = `${serviceName}.${edge.zoneName}`;

  // Requests go to the Access proxy sidecar, which admits only those Cloudflare Access signed; health
  // checks go to the container's own port, so they need no token and test the service itself.
  const group = targetGroup(scope, "networking_target_group", {
    // Port, protocol and target type force replacement: they are part of the name.
    name: ctx.replacementName("targetGroup", ACCESS_PROXY_PORT, TARGET_PROTOCOL, "ip"),
    port: ACCESS_PROXY_PORT,
    protocol: TARGET_PROTOCOL,
    vpcId: infra.vpcId,
    healthCheckPath: compute.healthCheck.path,
    healthCheckPort: compute.port,
  });
  ingressFromEachGroup(scope, "compute_ingress_health_checks_from_alb", ctx.require("foundation.securityGroups").get("compute"), infra.alb.securityGroups, {
    port: compute.port,
    description: "Health checks of the container port from the shared load balancer",
  });
  const rule = hostListenerRule(scope, "networking_listener_rule", {
    listenerArn: infra.httpsListener.arn,
    host,
    targetGroupArn: group.arn,
    ...(compute.listenerPriority !== undefined ? { priority: compute.listenerPriority } : {}),
  });

  service.putLoadBalancer([{ targetGroupArn: group.arn, containerName: ACCESS_PROXY_CONTAINER, containerPort: ACCESS_PROXY_PORT }]);
  // The target group must be attached to the listener before ECS registers targets in it. `dependable`
  // renders the bare address Terraform requires in depends_on (`fqn` would render "${...}", rejected).
  service.dependsOn = [...(service.dependsOn ?? []), dependable(rule)];

  proxiedCname(scope, "networking_dns_record", {
    zoneId: edge.zoneId,
    name: host,
    target: infra.alb.dnsName,
    comment: `platform service ${serviceName}`,
  });
  const access = accessApplication(scope, "networking_access_application", {
    accountId: edge.accountId,
    name: serviceName,
    domain: host,
    policyId: edge.accessPolicyId,
  });
  workload.setEnvironment("CF_ACCESS_AUD", access.aud);
  const proxy = ctx.require("compute.accessProxy");
  proxy.audience = access.aud;
  proxy.teamDomain = new DataCloudflareZeroTrustOrganization(scope, "cloudflare_access_organization", { accountId: edge.accountId }).authDomain;

  ctx.export("compute.service_url", `https://${host}`, "Public URL of the service (through Cloudflare Access).");
  ctx.export("compute.target_group_arn", group.arn, "ARN of the service's target group on the shared ALB.");
  ctx.export("compute.access_application_aud", access.aud, "Audience tag of the Cloudflare Access application.");
}
