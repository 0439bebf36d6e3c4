// The derived Networking phase (whenever `compute` is declared): the service's target group and
// host rule on the shared HTTPS listener, its proxied Cloudflare names and (unless `access: public`)
// its Access application.
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
import { hostIdPart } from "./keys.js";
import { trackingPolicy } from "./scaling.js";

/** The ALB speaks HTTP to targets; TLS ends at the shared listener (and again at Cloudflare). */
const TARGET_PROTOCOL = "HTTP";

export function provision(ctx: CapabilityContext): void {
  const compute = sectionOf(ctx.config, "compute");
  const { scope, infra, serviceName, workload } = ctx;
  const service = ctx.require("compute.service");
  const edge = new CloudflareEdge(scope, infra);
  // `<stack>.<zone>` (`orders-prod.example.com` for an environment), unless the environment has a
  // Cloudflare zone of its own in the settings file: then `<service>.<zone>` (src/settings/sources.ts).
  const host = `${infra.settings.environmentZone ? ctx.config.metadata.name : serviceName}.${edge.zoneName}`;
  const extraHosts = compute.hostnames.map((name) => `${name}.${edge.zoneName}`);

  // `public`: no Access application, so no Access proxy either; the ALB forwards to the container.
  const guarded = compute.access === "cloudflare-access";
  // Guarded: requests go to the Access proxy sidecar, which admits only those Cloudflare Access
  // signed; health checks go to the container's own port, so they need no token and test the service.
  const trafficPort = guarded ? ACCESS_PROXY_PORT : compute.port;
  const group = targetGroup(scope, "networking_target_group", {
    // Port, protocol and target type force replacement: they are part of the name.
    name: ctx.replacementName("targetGroup", trafficPort, TARGET_PROTOCOL, "ip"),
    port: trafficPort,
    protocol: TARGET_PROTOCOL,
    vpcId: infra.vpcId,
    healthCheck: {
      path: compute.healthCheck.path,
      successCodes: compute.healthCheck.successCodes,
      interval: compute.healthCheck.interval,
      timeout: compute.healthCheck.timeout,
      healthyThreshold: compute.healthCheck.healthyThreshold,
      unhealthyThreshold: compute.healthCheck.unhealthyThreshold,
    },
    ...(guarded ? { healthCheckPort: compute.port } : {}),
  });
  if (guarded) {
    ingressFromEachGroup(scope, "compute_ingress_health_checks_from_alb", ctx.require("foundation.securityGroups").get("compute"), infra.alb.securityGroups, {
      port: compute.port,
      description: "Health checks of the container port from the shared load balancer",
    });
  }
  const rule = hostListenerRule(scope, "networking_listener_rule", {
    listenerArn: infra.httpsListener.arn,
    hosts: [host, ...extraHosts],
    targetGroupArn: group.arn,
    ...(compute.listenerPriority !== undefined ? { priority: compute.listenerPriority } : {}),
  });

  const scaling = compute.scaling;
  const scalingTarget = ctx.get("compute.scalingTarget");
  if (scaling?.requestsPerTarget !== undefined && scalingTarget) {
    const requests = trackingPolicy(scope, "networking_scaling_requests", scalingTarget, {
      name: `${ctx.name("ecsService")}-requests`,
      metric: "requests",
      targetValue: scaling.requestsPerTarget,
      scaling,
      resourceLabel: `${infra.alb.arnSuffix}/${group.arnSuffix}`,
    });
    // ALBRequestCountPerTarget needs the target group attached to the load balancer (by the rule).
    requests.dependsOn = [dependable(rule)];
  }

  const target = guarded
    ? { containerName: ACCESS_PROXY_CONTAINER, containerPort: ACCESS_PROXY_PORT }
    : { containerName: ctx.require("compute.containerName"), containerPort: compute.port };
  service.putLoadBalancer([{ targetGroupArn: group.arn, ...target }]);
  // The target group must be attached to the listener before ECS registers targets in it. `dependable`
  // renders the bare address Terraform requires in depends_on (`fqn` would render "${...}", rejected).
  service.dependsOn = [...(service.dependsOn ?? []), dependable(rule)];

  proxiedCname(scope, "networking_dns_record", {
    zoneId: edge.zoneId,
    name: host,
    target: infra.alb.dnsName,
    comment: `platform service ${serviceName}`,
  });
  compute.hostnames.forEach((name, index) => {
    proxiedCname(scope, `networking_dns_record_${hostIdPart(name)}`, {
      zoneId: edge.zoneId,
      name: extraHosts[index]!,
      target: infra.alb.dnsName,
      comment: `platform service ${serviceName}`,
    });
  });
  // `public`: no Access application, and so no audience for the container or a proxy to verify.
  const access = guarded
    ? accessApplication(scope, "networking_access_application", {
        accountId: edge.accountId,
        name: serviceName,
        domain: host,
        extraDomains: extraHosts,
        policyId: edge.accessPolicyId,
      })
    : undefined;
  if (access) {
    workload.setEnvironment("CF_ACCESS_AUD", access.aud);
    const proxy = ctx.require("compute.accessProxy");
    proxy.audience = access.aud;
    proxy.teamDomain = new DataCloudflareZeroTrustOrganization(scope, "cloudflare_access_organization", { accountId: edge.accountId }).authDomain;
  }

  const through = guarded ? "through Cloudflare Access" : "public, through Cloudflare without Access";
  ctx.export("compute.service_url", `https://${host}`, `Public URL of the service (${through}).`);
  if (extraHosts.length > 0) {
    ctx.export("compute.extra_urls", extraHosts.map((h) => `https://${h}`).join(" "), `The service's other URLs (spec.compute.hostnames), space-separated, ${through}.`);
  }
  ctx.export("compute.target_group_arn", group.arn, "ARN of the service's target group on the shared ALB.");
  if (access) ctx.export("compute.access_application_aud", access.aud, "Audience tag of the Cloudflare Access application.");
}
